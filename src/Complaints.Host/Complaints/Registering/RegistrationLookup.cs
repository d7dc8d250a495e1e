using Complaints.Domain;
using Complaints.Host.Infrastructure;
using Complaints.Projections.Analytics;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Complaints.Host.Complaints.Registering;

/// <summary>What a registration reads before it is decided: its ledger number and the closed complaints it may repeat.</summary>
/// <param name="Sequence">Drawn from a database sequence: unique across nodes, possibly with gaps.</param>
public sealed record RegistrationFacts(long Sequence, RecurrenceCandidates Recurrence)
{
    public string Number(Instant now) => $"CP-{now.InUtc().Year}-{Sequence:D6}";
}

/// <summary>
/// Draws a registration's ledger number and finds the closed complaints that share its customer's phone or email key
/// or its vehicle's plate or VIN key (<c>analytics.search_keys</c>), in one statement on the write's own session, so a
/// registration pays one round trip before its commit (docs/adr/0020). The decider picks the one it repeats
/// (docs/adr/0038). Only keys of complaints closed within the repeat window are read, through the index on
/// (key, closed_at), however many open complaints a customer or a fleet vehicle has. An erased customer has no keys
/// left, so nobody is linked to them by contact any more.
/// </summary>
public sealed class RegistrationLookup(CustomerKeys keys, IOptions<IntakeOptions> intake)
{
    /// <summary>The most recently closed complaints looked at: a customer or vehicle with more closed in the window is not one to plan for.</summary>
    public const int MaxCandidates = 50;

    private static readonly string Statement =
        $"""
        select jsonb_build_object('sequence', nextval('{StoreConfiguration.NumberSequence}'), 'candidates', coalesce((
            select jsonb_agg(jsonb_build_object('complaint', c.complaint_id, 'number', c.number, 'category', c.category,
                       'closedAt', c.closed_at, 'sameCustomer', c.same_customer, 'sameVehicle', c.same_vehicle)
                   order by c.closed_at desc)
            from (select l.complaint_id, l.number, l.category, l.closed_at,
                         bool_or(k.kind in ('phone', 'email')) as same_customer,
                         bool_or(k.kind in ('plate', 'vin')) as same_vehicle
                  from {AnalyticsSchema.SearchKeys.QualifiedName} k
                  join {AnalyticsSchema.Ledger.QualifiedName} l on l.complaint_id = k.complaint_id
                  where k.key = any(?) and k.closed_at between ? and ?
                    and l.status = 'closed' and l.closed_at is not null
                  group by l.complaint_id, l.number, l.category, l.closed_at
                  order by l.closed_at desc limit {MaxCandidates}) c), '[]'::jsonb))
        """;

    public async Task<RegistrationFacts> LookUpAsync(IQuerySession session, ComplaintIntake complaint, CancellationToken ct)
    {
        var window = Duration.FromDays(intake.Value.RepeatWindowDays);
        var found = await session.AdvancedSql.QueryAsync<Found>(Statement, ct,
            (object)keys.For(complaint).Select(k => k.Key).ToArray(), // one array parameter, not one per key
            (complaint.ReceivedAt - window).ToDateTimeOffset(), complaint.ReceivedAt.ToDateTimeOffset());
        var row = found.Single();
        return new RegistrationFacts(row.Sequence, new RecurrenceCandidates(window, [.. row.Candidates.Select(c =>
            new EarlierComplaint(c.Complaint, c.Number, c.Category, Instant.FromDateTimeOffset(c.ClosedAt), c.SameCustomer,
                c.SameVehicle))]));
    }

    /// <remarks>No <c>Id</c> member: Marten would read the row as a stored document (id and data columns).</remarks>
    private sealed record Found(long Sequence, IReadOnlyList<Candidate> Candidates);

    private sealed record Candidate(Guid Complaint, string Number, string Category, DateTimeOffset ClosedAt, bool SameCustomer,
        bool SameVehicle);
}
