using System.Security.Cryptography;
using System.Text;
using Complaints.Domain;
using Complaints.Projections.Reporting;

namespace Complaints.Projections;

/// <summary>
/// Seals the customer's name and contact where the read models keep them (docs/adr/0040): AES-256-GCM under a key
/// derived (HKDF-SHA256) from the search keys' secret, each value bound to its complaint, so a dump of the documents
/// shows no phone number or address, and a value copied onto another complaint does not open. The events stay as
/// ADR 0011 keeps them; the read models are opened only on the way out of the engine.
/// </summary>
public sealed class ReadModelSeal
{
    /// <summary>How a sealed value starts; anything else is shown as it is (older rows, <c>[erased]</c>).</summary>
    public const string Prefix = "sealed:v1:";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = "complaints read-model seal v1"u8.ToArray();
    private static readonly byte[] NoncePurpose = "complaints read-model seal v1 nonce"u8.ToArray();

    private readonly byte[] key;
    private readonly byte[] nonceKey;

    public ReadModelSeal(byte[] secret)
    {
        if (secret.Length < CustomerKeys.MinimumSecretBytes)
            throw new ArgumentException($"The secret must have at least {CustomerKeys.MinimumSecretBytes} bytes.", nameof(secret));
        // Its own key, not the search keys' HMAC key itself: one secret to configure, no key used for two purposes.
        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: Purpose);
        nonceKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: NoncePurpose);
    }

    public static bool IsSealed(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public string Seal(Guid complaint, string value)
    {
        if (IsSealed(value)) return value;
        var plain = Encoding.UTF8.GetBytes(value);
        var bound = complaint.ToByteArray();
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        // A synthetic nonce (a keyed hash of complaint and value): a rebuild seals exactly what the live projection
        // sealed, as every read model here is reproducible from the events; a nonce repeats only with its plaintext.
        byte[] named = [.. bound, .. plain];
        HMACSHA256.HashData(nonceKey, named).AsSpan(0, NonceBytes).CopyTo(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), bound);
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="SealedValueUnreadableException">Sealed under another secret, or changed.</exception>
    public string Open(Guid complaint, string value)
    {
        if (!IsSealed(value)) return value;
        try
        {
            var sealedBytes = Convert.FromBase64String(value[Prefix.Length..]);
            var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length),
                sealedBytes.AsSpan(NonceBytes + plain.Length), plain, complaint.ToByteArray());
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException)
        {
            throw new SealedValueUnreadableException(complaint, e);
        }
    }

    public string? SealOptional(Guid complaint, string? value) => value is null ? null : Seal(complaint, value);

    public string? OpenOptional(Guid complaint, string? value) => value is null ? null : Open(complaint, value);

    /// <summary>The customer as the read models keep it; <see cref="Customer.Erased"/> stays as it is.</summary>
    public Customer Seal(Guid complaint, Customer customer) => customer == Customer.Erased ? customer
        : new(Seal(complaint, customer.Name), SealOptional(complaint, customer.Phone), SealOptional(complaint, customer.Email));

    public Customer Open(Guid complaint, Customer customer) => customer == Customer.Erased ? customer
        : new(Open(complaint, customer.Name), OpenOptional(complaint, customer.Phone), OpenOptional(complaint, customer.Email));

    public ComplaintIntake Open(Guid complaint, ComplaintIntake intake) =>
        intake with { Customer = Open(complaint, intake.Customer) };

    /// <summary>The report as it is stored: the customer, and the address each closure went to, sealed.</summary>
    public void Seal(HandlingReport report) => Change(report, Seal, Seal);

    /// <summary>The stored report as the endpoint shows it (a view built before sealing comes out as it is).</summary>
    public void Open(HandlingReport report) => Change(report, Open, Open);

    private static void Change(HandlingReport report, Func<Guid, Customer, Customer> customer, Func<Guid, string, string> text)
    {
        var id = report.Id;
        if (report.Intake is { } intake) report.Intake = intake with { Customer = customer(id, intake.Customer) };
        report.Closures = [.. report.Closures.Select(c => c.SentTo is null ? c : c with { SentTo = text(id, c.SentTo) })];
        // "report sent to <address>": the closure's step names the address too.
        report.Steps = [.. report.Steps.Select(s => s is { Step: "closed", Detail: { } detail } ? s with { Detail = text(id, detail) } : s)];
    }
}

/// <summary>
/// A read model holds a value sealed under another secret than the configured one (the secret was changed without
/// the rebuilds docs/security.md asks for), or a value that was changed in the database.
/// </summary>
public sealed class SealedValueUnreadableException(Guid complaint, Exception cause) : Exception(
    $"Complaint {complaint}'s read models hold personal data sealed under another secret than Search:CustomerKeySecret " +
    "(or changed since): rebuild them with `reports rebuild` and `projections rebuild -p ComplaintDetails` " +
    "(docs/security.md).", cause);
