using Complaints.Domain;
using Complaints.Host.Complaints;
using Complaints.Host.Infrastructure;
using Complaints.Projections;
using Marten;
using NodaTime;

namespace Complaints.Host.Audit;

/// <summary>
/// Erases a complaint's customer name and contact details for good (procedure §7, docs/adr/0011): the stored events
/// keep only the commitments their hashes were computed over and lose the keys, the erasure is itself recorded as
/// an event, and the read models follow from it. KPIs and the hash chain stay valid.
/// </summary>
public sealed class PersonalDataErasure(IDocumentStore store, EventLog log, IClock clock)
{
    public async Task<CommandAnswerResult> EraseAsync(Guid id, string reason, CommandContext context, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.CorrelationId = context.CorrelationId;
        session.CausationId = context.CausationId;
        // The stream lock keeps every other writer out until the rewrite and its record commit together.
        var stream = await session.Events.FetchForExclusiveWriting<ComplaintDetails>(id, ct);
        if (stream.Aggregate is not { } complaint) throw new ComplaintNotFoundException(id);
        if (context.ExpectedVersion is { } expected && expected != complaint.Version)
            throw new StaleVersionException(expected, complaint.Version);
        if (complaint.PersonalDataErasedAt is not null)
            return new CommandAnswerResult(StatusCodes.Status200OK, new CommandAnswer(id, complaint.Version, null, null));
        var erasedVersion = complaint.Version + 1; // read now: saving moves the view on

        await foreach (var e in log.ReadAsync(new EventSelection(id), ct))
        {
            if (e.PersonalDataKey is null) continue;
            session.QueueSqlCommand(
                $"update {StoreConfiguration.Schema}.mt_events set data = ?::jsonb, headers = headers - '{EventSeal.PersonalDataKeyHeader}' " +
                "where seq_id = ?", EventSeal.ErasedData(e).GetRawText(), e.Sequence);
        }
        var actor = context.Principal ?? "admin";
        var now = clock.GetCurrentInstant();
        stream.AppendSealed(session, [new PersonalDataErased(id, reason, actor, now)], actor, now);
        // Idempotency records hold a hash of each original request, personal data included: no longer comparable.
        session.QueueSqlCommand(
            $"update {StoreConfiguration.Schema}.mt_doc_idempotentrequest set data = jsonb_set(data, '{{requestHash}}', '\"erased\"') " +
            "where data ->> 'complaintId' = ?", id.ToString());
        await session.SaveChangesAsync(ct);
        return new CommandAnswerResult(StatusCodes.Status200OK, new CommandAnswer(id, erasedVersion, null, null));
    }
}
