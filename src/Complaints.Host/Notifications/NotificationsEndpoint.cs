using Complaints.Domain;
using Complaints.Host.Complaints;
using Complaints.Host.Security;
using Complaints.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Notifications;

/// <summary>One notification as the complaint shows it (the contract's fields first).</summary>
public sealed record NotificationView(
    string Kind, string To, string? Subject, Instant QueuedAt, Instant? SentAt, string Status, int Attempts,
    string Id, long EventVersion, IReadOnlyList<string> Recipients, string Addressee,
    string? MessageId, string? Reason, string? Language);

public sealed record NotificationsView(Guid ComplaintId, IReadOnlyList<NotificationView> Items);

public static class NotificationsEndpoint
{
    /// <summary>Everything sent, queued or failed for the complaint, in the order it was queued.</summary>
    [Authorize(Policy = Policies.ReadComplaint)]
    [ProducesResponseType<NotificationsView>(StatusCodes.Status200OK)]
    [WolverineGet("/api/complaints/{id}/notifications")]
    public static async Task<NotificationsView> Get(Guid id, HttpContext http, [FromServices] IQuerySession session,
        [FromServices] ReadModelSeal seal, CancellationToken ct)
    {
        if (await session.LoadAsync<ComplaintDetails>(id, ct) is null) throw new ComplaintNotFoundException(id);
        var records = await session.Query<NotificationRecord>().Where(n => n.ComplaintId == id)
            .OrderBy(n => n.EventVersion).ThenBy(n => n.QueuedAt).ThenBy(n => n.Id).ToListAsync(ct);
        var masked = !PersonalData.MaySee(http.User);
        return new NotificationsView(id, [.. records.Select(n =>
        {
            var to = n.ToCustomer ? [.. n.To.Select(address => seal.Open(id, address))] : n.To;
            var recipients = n.ToCustomer && masked ? [.. to.Select(PersonalData.MaskEmail)] : to;
            return new NotificationView(WireNames.Of(n.Kind), recipients.Count > 0 ? string.Join(", ", recipients) : n.Addressee,
                n.Subject, n.QueuedAt, n.SentAt, n.Status, n.Attempts, n.Id, n.EventVersion, recipients, n.Addressee,
                n.MessageId, n.Reason, n.Language);
        })]);
    }
}
