namespace Hotline.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>The ledger (台账) reads the Open311 feature's <c>receiveddays</c> index, registered with it.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton<LedgerReader>();
        return services;
    }
}
