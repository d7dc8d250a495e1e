using Complaints.Domain;
using Complaints.Host.Reports;
using Complaints.Host.Security;
using Complaints.Projections.Analytics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Npgsql;
using Wolverine.Http;

namespace Complaints.Host.Complaints.StaffWork;

/// <summary><see cref="RepeatOf"/>: the earlier complaint this one repeats (docs/adr/0038), when it does.</summary>
public sealed record FoundComplaint(Guid Id, string Number, string Status, Instant ReceivedAt, Guid? RepeatOf);

public sealed record SearchAnswer(IReadOnlyList<FoundComplaint> Items);

public static class SearchEndpoint
{
    public const int MaxResults = 100;

    /// <summary>
    /// Complaints by number, or by the customer's phone or email or the vehicle's plate or VIN, each matched through
    /// its keyed hash (<see cref="CustomerKeys"/>): the values are never in an index. Several keys must all match.
    /// The newest first, at most 100.
    /// </summary>
    [Authorize(Policy = Policies.ReadWork)]
    [ProducesResponseType<SearchAnswer>(StatusCodes.Status200OK)]
    [WolverineGet("/api/complaints")]
    public static async Task<SearchAnswer> Get(string? number, string? phone, string? email, string? plate, string? vin,
        [FromServices] AnalyticsDatabase database, [FromServices] CustomerKeys keys, CancellationToken ct)
    {
        var v = new Validator();
        var filter = new ReportFilter();
        if (v.OptionalLine(number, "number") is { } wanted) filter.Condition("l.number = {0}", wanted.ToUpperInvariant());
        foreach (var (kind, value, field) in new[]
                 {
                     (SearchKeyKind.Phone, phone, "phone"), (SearchKeyKind.Email, email, "email"),
                     (SearchKeyKind.Plate, plate, "plate"), (SearchKeyKind.Vin, vin, "vin")
                 })
        {
            if (v.OptionalLine(value, field) is not { } given) continue;
            if (keys.Of(kind, given) is not { } key) v.Add(field, "holds nothing to search by");
            else filter.Condition($"exists (select 1 from {AnalyticsSchema.SearchKeys.QualifiedName} k where k.complaint_id = l.complaint_id " +
                                  $"and k.kind = '{WireNames.Of(kind)}' and k.key = {{0}})", key);
        }
        if (filter.Parameters.Count == 0 && !v.Errors.Any()) v.Add("number", "give at least one of number, phone, email, plate and vin");
        v.ThrowIfInvalid();

        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var query = new NpgsqlCommand($"""
            select l.complaint_id, l.number, l.status, l.received_at, l.repeat_of from {AnalyticsSchema.Ledger.QualifiedName} l
            where {filter.Where} order by l.received_at desc, l.number desc limit {MaxResults}
            """, connection);
        foreach (var parameter in filter.Parameters) query.Parameters.Add(parameter.Clone());
        var items = new List<FoundComplaint>();
        await using var reader = await query.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new FoundComplaint(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                AnalyticsDatabase.InstantAt(reader, 3)!.Value, reader.IsDBNull(4) ? null : reader.GetGuid(4)));
        return new SearchAnswer(items);
    }
}
