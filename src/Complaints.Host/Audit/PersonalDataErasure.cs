using Complaints.Domain;
using Complaints.Host.Complaints;
using Complaints.Host.Complaints.Writing;
using Complaints.Host.Infrastructure;
using Marten;

namespace Complaints.Host.Audit;

/// <summary>
/// Erases a complaint's customer name and contact details for good (procedure §7, docs/adr/0011): the stored events
/// keep only the commitments their hashes were computed over and lose the keys, the erasure is itself recorded as
/// an event, and the read models follow from it. KPIs and the hash chain stay valid. It runs through the command
/// pipeline like any command, holding the stream's lock so no other writer appends while old events are rewritten.
/// </summary>
public sealed class PersonalDataErasure(ComplaintCommandPipeline pipeline, EventLog log)
{
    /// <summary>Who erases when no authenticated caller is named.</summary>
    public const string DefaultActor = "admin";

    public Task<IResult> EraseAsync(Guid id, string reason, CommandContext context, CancellationToken ct) =>
        pipeline.ExecuteAsync(new ErasePersonalData(id, reason, context.Principal ?? DefaultActor, pipeline.Now), context, ct,
            exclusive: true, alongside: (session, _, token) => RewriteAsync(session, id, context, token));

    private async Task RewriteAsync(IDocumentSession session, Guid id, CommandContext context, CancellationToken ct)
    {
        await foreach (var e in log.ReadAsync(new EventSelection(id), ct))
        {
            if (e.PersonalDataKey is null) continue;
            session.QueueSqlCommand(
                $"update {StoreConfiguration.Schema}.mt_events set data = ?::jsonb, headers = headers - '{EventSeal.PersonalDataKeyHeader}' " +
                "where seq_id = ?", EventSeal.ErasedData(e).GetRawText(), e.Sequence);
        }
        // Idempotency records hold a hash of each original request, personal data included: no longer comparable.
        // The erasure's own request holds none, so its retry still gets its answer.
        session.QueueSqlCommand(
            $"update {StoreConfiguration.Schema}.mt_doc_idempotentrequest set data = jsonb_set(data, '{{requestHash}}', '\"erased\"') " +
            "where data ->> 'complaintId' = ? and id <> ?", id.ToString(), context.StoredKey ?? "");
        // Mail to the customer names the address it went to; one still queued then finds none and fails.
        session.QueueSqlCommand(
            $"update {StoreConfiguration.Schema}.mt_doc_notificationrecord " +
            "set data = data || '{\"to\": [], \"customerAddress\": null}'::jsonb " +
            "where data ->> 'complaintId' = ? and data ->> 'toCustomer' = 'true'", id.ToString());
    }
}
