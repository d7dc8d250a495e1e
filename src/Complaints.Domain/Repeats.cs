using NodaTime;

namespace Complaints.Domain;

/// <summary>What links a new complaint to the earlier one it repeats (procedure §10).</summary>
public enum RepeatLink { Customer, Vehicle }

/// <summary>The earlier complaint a registration repeats, recorded on its <see cref="ComplaintReceived"/>.</summary>
public sealed record RepeatOf(Guid ComplaintId, string Number, RepeatLink Link, Instant ClosedAt);

/// <summary>
/// A closed complaint that shares the new one's customer (a phone or email key) or vehicle (a plate or VIN key), as the
/// host found it before registering; <see cref="Category"/> is the category it has now.
/// </summary>
public sealed record EarlierComplaint(
    Guid ComplaintId, string Number, string Category, Instant ClosedAt, bool SameCustomer, bool SameVehicle);

/// <summary>The closed complaints the host found for a registration, and the window within which one is repeated.</summary>
public sealed record RecurrenceCandidates(Duration Window, IReadOnlyList<EarlierComplaint> Earlier);

public static class Repeats
{
    public static readonly Duration DefaultWindow = Duration.FromDays(90);

    /// <summary>
    /// The complaint <paramref name="intake"/> repeats: one closed at most the window before it was received, of the
    /// same customer and category or of the same vehicle; when several are, the one closed last. Null when none is.
    /// </summary>
    public static RepeatOf? Find(ComplaintIntake intake, RecurrenceCandidates candidates) => candidates.Earlier
        .Where(e => e.ClosedAt <= intake.ReceivedAt && intake.ReceivedAt - e.ClosedAt <= candidates.Window)
        .Select(e => e.SameCustomer && string.Equals(e.Category, intake.Category, StringComparison.OrdinalIgnoreCase)
            ? new RepeatOf(e.ComplaintId, e.Number, RepeatLink.Customer, e.ClosedAt)
            : e.SameVehicle ? new RepeatOf(e.ComplaintId, e.Number, RepeatLink.Vehicle, e.ClosedAt)
            : null)
        .OfType<RepeatOf>()
        .OrderByDescending(r => r.ClosedAt).ThenBy(r => r.Link)
        .FirstOrDefault();
}
