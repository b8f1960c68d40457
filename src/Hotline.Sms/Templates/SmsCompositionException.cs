namespace Hotline.Sms.Templates;

/// <summary>A message cannot be composed: unknown template, missing or unexpected parameter, or no way to fit the budget.</summary>
public sealed class SmsCompositionException : Exception
{
    public SmsCompositionException()
    {
    }

    public SmsCompositionException(string message)
        : base(message)
    {
    }

    public SmsCompositionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
