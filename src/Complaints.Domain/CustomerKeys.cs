using System.Security.Cryptography;
using System.Text;

namespace Complaints.Domain;

/// <summary>What a search key stands for.</summary>
public enum SearchKeyKind { Phone, Email, Plate, Vin }

/// <summary>
/// Pseudonymous keys for a customer's contacts and a vehicle (docs/adr/0024): the HMAC-SHA256, under the engine's
/// secret, of the normalised value, so an index can match "the same phone number" without holding it, and nobody
/// without the secret can test guesses against it. The one place these keys are made: search finds complaints by them,
/// and recurrence (docs/adr/0038) links complaints of the same customer (a phone or email key in common) or vehicle.
/// </summary>
public sealed class CustomerKeys
{
    public const int MinimumSecretBytes = 32;

    private readonly byte[] secret;

    public CustomerKeys(byte[] secret)
    {
        if (secret.Length < MinimumSecretBytes)
            throw new ArgumentException($"The customer key secret must have at least {MinimumSecretBytes} bytes.", nameof(secret));
        this.secret = secret;
    }

    /// <summary>The key of <paramref name="value"/> as <paramref name="kind"/>, or null when nothing is left once normalised.</summary>
    public string? Of(SearchKeyKind kind, string value) => Normalised(kind, value) is { Length: > 0 } normal
        ? Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{WireNames.Of(kind)}:{normal}")))
        : null;

    /// <summary>
    /// Every key a complaint is found by: the customer's phone and email (none once erased) and the vehicle's plate
    /// and VIN.
    /// </summary>
    public IReadOnlyList<(SearchKeyKind Kind, string Key)> For(ComplaintIntake intake)
    {
        var values = new List<(SearchKeyKind, string?)>
        {
            (SearchKeyKind.Phone, intake.Customer.Phone), (SearchKeyKind.Email, intake.Customer.Email),
            (SearchKeyKind.Plate, intake.Vehicle?.Plate), (SearchKeyKind.Vin, intake.Vehicle?.Vin)
        };
        return [.. values
            .Where(v => v.Item2 is not null)
            .Select(v => (v.Item1, Of(v.Item1, v.Item2!)))
            .Where(v => v.Item2 is not null)
            .Select(v => (v.Item1, v.Item2!))
            .Distinct()];
    }

    /// <summary>
    /// One spelling per value: a phone number's digits without the international prefix of China ("+86 138-0000 0000",
    /// "0086 13800000000" and "138 0000 0000" are one number); an email address trimmed and in lower case; a plate or
    /// VIN in upper-case letters and digits only.
    /// </summary>
    public static string Normalised(SearchKeyKind kind, string value) => kind switch
    {
        SearchKeyKind.Phone => NormalisedPhone(value),
        SearchKeyKind.Email => value.Trim().ToLowerInvariant(),
        _ => Vehicles.NormalisedPlate(value)
    };

    /// <remarks>
    /// Digits of any script count (a full-width "１３８" is typed by Chinese input methods). China's numbers never start
    /// with 86 at home (mobiles start with 1, landlines with the trunk 0), so a leading 86 is the country code: a mobile
    /// keeps its 11 digits, a landline gets its trunk 0 back unless it was written ("+86 21 6234 5678" and "+86 (0)21 6234 5678" are
    /// "021 6234 5678").
    /// </remarks>
    private static string NormalisedPhone(string phone)
    {
        var digits = new string([.. phone.Where(char.IsDigit)
            .Select(c => (char)('0' + System.Globalization.CharUnicodeInfo.GetDecimalDigitValue(c)))]);
        if (digits.StartsWith("00", StringComparison.Ordinal)) digits = digits[2..];
        if (!digits.StartsWith("86", StringComparison.Ordinal) || digits.Length < 11) return digits;
        var national = digits[2..];
        return national.StartsWith('1') && national.Length == 11 || national.StartsWith('0') ? national : "0" + national;
    }
}
