using Wolverine;
using Complaints.Host.Notifications;
using Complaints.Host.Deadlines;
using Complaints.Host.Infrastructure;
using Complaints.Host.Security;
using Complaints.Domain;
using Marten;
using Complaints.Host.Complaints;
using JasperFx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.People;

public sealed record DirectoryView(IReadOnlyList<DirectoryEntry> Entries);

public sealed record DirectoryHistoryView(IReadOnlyList<DirectoryChange> Changes);

public static class DirectoryEndpoints
{
    [Authorize(Policy = Policies.ReadDirectory)]
    [ProducesResponseType<DirectoryView>(StatusCodes.Status200OK)]
    [WolverineGet("/api/directory")]
    public static async Task<DirectoryView> Get([FromServices] IQuerySession session, CancellationToken ct) =>
        new([.. await session.Query<DirectoryEntry>().OrderBy(e => e.Id).ToListAsync(ct)]);

    /// <summary>Every change of the directory, newest first: who set which people for which entry, and when.</summary>
    [Authorize(Policy = Policies.ReadDirectory)]
    [ProducesResponseType<DirectoryHistoryView>(StatusCodes.Status200OK)]
    [WolverineGet("/api/directory/history")]
    public static async Task<DirectoryHistoryView> History([FromServices] IQuerySession session, CancellationToken ct) =>
        new([.. await session.Query<DirectoryChange>().OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Revision)
            .Take(1000).ToListAsync(ct)]);

    /// <summary>
    /// Sets the people of one entry (an empty list removes everyone: notifications for it then fail visibly). Takes
    /// effect for every notification delivered from now on, with no redeploy; <c>If-Match: "revision"</c> makes it
    /// conditional.
    /// </summary>
    [Authorize(Policy = Policies.EditDirectory)]
    [ProducesResponseType<DirectoryEntry>(StatusCodes.Status200OK)]
    [WolverinePut("/api/directory/{region}/{department}/{role}")]
    public static async Task<IResult> Put(string region, string department, string role, DirectoryInput.EntryForm body,
        HttpContext http, [FromServices] IDocumentSession session, [FromServices] DeadlineSettings deadlines,
        [FromServices] DirectoryOptions options, [FromServices] IClock clock, IMessageBus bus, CancellationToken ct)
    {
        var (knownRegion, knownDepartment, parsedRole, people) = DirectoryInput.Validate(region, department, role, body,
            deadlines.Calendars.Regions, options.Known);
        var id = DirectoryEntry.IdOf(knownRegion, knownDepartment, parsedRole);
        var entry = await session.LoadAsync<DirectoryEntry>(id, ct) ?? new DirectoryEntry
        {
            Id = id, Region = knownRegion, Department = knownDepartment, Role = WireNames.Of(parsedRole)
        };
        if (http.Request.Headers.IfMatch.ToString().Trim() is { Length: > 0 } condition and not "*")
        {
            if (!int.TryParse(condition.Trim('"'), out var expected) || expected < 0)
                throw new InvalidCommandException(new Dictionary<string, string[]> { ["If-Match"] = ["must be a revision like \"3\""] });
            if (expected != entry.Revision) throw new StaleVersionException(expected, entry.Revision);
        }

        entry.People = people;
        entry.Revision++;
        entry.ChangedAt = clock.GetCurrentInstant();
        entry.ChangedBy = http.User.Identity?.Name ?? "";
        session.Store(entry);
        session.Insert(new DirectoryChange
        {
            Id = $"{id}#{entry.Revision}", EntryId = id, Revision = entry.Revision, People = people,
            ChangedAt = entry.ChangedAt, ChangedBy = entry.ChangedBy, CorrelationId = Correlation.Id(http)
        });
        if (people.Count > 0) await MailWaitingReportsAsync(id, session, bus, ct);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Two administrators changed the entry at once: the second finds the revision taken and is refused.
            throw new StaleVersionException(entry.Revision - 1, entry.Revision);
        }
        http.Response.Headers.ETag = $"\"{entry.Revision}\"";
        return Results.Json(entry);
    }

    /// <summary>
    /// Scheduled reports that found nobody in this entry are mailed in the change's commit, now that someone is there:
    /// a fresh installation makes its first reports before anyone could fill the directory. A complaint's notice is
    /// not sent late: its moment has passed, and the complaint shows what happened since.
    /// </summary>
    private static async Task MailWaitingReportsAsync(string entry, IDocumentSession session, IMessageBus bus, CancellationToken ct)
    {
        var waiting = await session.Query<NotificationRecord>()
            .Where(n => n.DirectoryGap == entry && n.ReportDeliveryId != null && n.Status == NotificationStatus.Failed)
            .ToListAsync(ct);
        if (waiting.Count == 0) return;
        foreach (var record in waiting)
        {
            (record.Status, record.DirectoryGap, record.Reason) = (NotificationStatus.Queued, null, null);
            session.Store(record);
        }
        await bus.SendAsync(DeliverNotifications.Of(waiting));
    }
}
