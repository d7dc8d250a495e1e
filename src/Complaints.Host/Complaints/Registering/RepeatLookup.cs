using Complaints.Domain;
using Complaints.Projections.Analytics;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Complaints.Host.Complaints.Registering;

/// <summary>
/// Finds, before a registration is decided, the closed complaints that share its customer's phone or email key or its
/// vehicle's plate or VIN key (<c>analytics.search_keys</c>); the decider picks the one it repeats (docs/adr/0038).
/// An erased customer has no keys left, so nobody is linked to them by contact any more.
/// </summary>
public sealed class RepeatLookup(CustomerKeys keys, IOptions<IntakeOptions> intake)
{
    /// <summary>The most recently closed complaints looked at: a customer or vehicle with more closed in the window is not one to plan for.</summary>
    public const int MaxCandidates = 50;

    public async Task<RecurrenceCandidates> FindAsync(IQuerySession session, ComplaintIntake complaint, CancellationToken ct)
    {
        var window = Duration.FromDays(intake.Value.RepeatWindowDays);
        var found = keys.For(complaint);
        if (found.Count == 0) return new RecurrenceCandidates(window, []);
        var rows = await session.AdvancedSql.QueryAsync<Candidate>(
            $"""
            select jsonb_build_object('complaint', l.complaint_id, 'number', l.number, 'category', l.category,
                       'closedAt', l.closed_at, 'sameCustomer', bool_or(k.kind in ('phone', 'email')),
                       'sameVehicle', bool_or(k.kind in ('plate', 'vin')))
            from {AnalyticsSchema.SearchKeys.QualifiedName} k
            join {AnalyticsSchema.Ledger.QualifiedName} l on l.complaint_id = k.complaint_id
            where k.key = any(?) and l.status = 'closed' and l.closed_at is not null
            group by l.complaint_id, l.number, l.category, l.closed_at
            order by l.closed_at desc limit {MaxCandidates}
            """, ct, (object)found.Select(k => k.Key).ToArray()); // one array parameter, not one per key
        return new RecurrenceCandidates(window, [.. rows.Select(r => new EarlierComplaint(r.Complaint, r.Number, r.Category,
            Instant.FromDateTimeOffset(r.ClosedAt), r.SameCustomer, r.SameVehicle))]);
    }

    /// <remarks>No <c>Id</c> member: Marten would read the row as a stored document (id and data columns).</remarks>
    private sealed record Candidate(Guid Complaint, string Number, string Category, DateTimeOffset ClosedAt, bool SameCustomer,
        bool SameVehicle);
}
