using System.ComponentModel.DataAnnotations;

namespace Hotline.Open311;

public sealed class Open311Options : IValidatableObject
{
    public const string Section = "Hotline:Open311";

    /// <summary>Shortest key accepted: a key is the only thing standing between the internet and a new case.</summary>
    public const int MinKeyLength = 16;

    /// <summary>
    /// The api keys partner systems send with <c>POST requests</c>, separated by commas (several, so a key can be
    /// rotated without a moment in which neither works). Empty: every POST is refused with 403.
    /// </summary>
    public string ApiKeys { get; set; } = "";

    /// <summary>The discovery document's <c>contact</c>: who a partner asks for help.</summary>
    [Required]
    [MaxLength(500)]
    public string Contact { get; set; } = "12351 职工服务热线 / Workers' service hotline 12351";

    /// <summary>The discovery document's <c>key_service</c>: how a partner gets an api key.</summary>
    [Required]
    [MaxLength(500)]
    public string KeyService { get; set; } = "向热线管理员申请 / Ask the hotline's administrators for a key";

    /// <summary>The keys, trimmed; a value the platform left unresolved (a Key Vault reference) counts as none.</summary>
    public IReadOnlyList<string> Keys()
    {
        // App Service passes a Key Vault reference through verbatim when it cannot resolve it (the secret was never
        // set): that text is no secret, so it must never work as a key.
        if (ApiKeys.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return ApiKeys.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var key in Keys())
        {
            if (key.Length < MinKeyLength || key.Any(c => c is < '!' or > '~'))
            {
                // The key itself is never quoted: the message ends up in logs.
                yield return new ValidationResult(
                    $"Each of Hotline:Open311:ApiKeys must be at least {MinKeyLength} printable ASCII characters without spaces.",
                    [nameof(ApiKeys)]);
                yield break;
            }
        }
    }
}
