using NodaTime;

namespace Complaints.Domain.Deadlines;

/// <summary>
/// The follow-up clocks after closing, one at a time: closing starts the first contact of the schedule (a new round
/// per closure); each recorded follow-up meets the running one (<see cref="DeadlineTracker"/>, by its rule) and starts
/// the next, due as the schedule counts from the closing, however late the previous one was; reopening withdraws it.
/// </summary>
public static class FollowUpClocks
{
    public static IEnumerable<DeadlineSet> Start(DeadlineBook book, IComplaintEvent @event, Instant at, DeadlineContext context)
    {
        if (context.FollowUps is not { } policy) return [];
        var first = policy.Contacts[0];
        switch (@event)
        {
            case ComplaintClosed:
                return [Set(first, book.LastRound(first.Rule) + 1, at, at, context, policy)];
            case FollowUpRecorded:
                var last = book.Deadlines.LastOrDefault(d => policy.ContactOrNull(d.Rule) is not null);
                if (last is not { WithdrawnAt: null } || policy.After(last.Rule) is not { } next
                    || book.Find(first.Rule, last.Round) is not { } firstOfRound)
                    return [];
                return [Set(next, last.Round, at, firstOfRound.StartedAt, context, policy)];
            default:
                return [];
        }
    }

    /// <summary>The due instants of the whole schedule for a closing at <paramref name="closedAt"/>, in order.</summary>
    public static IReadOnlyList<(string Rule, Instant DueAt)> Schedule(FollowUpPolicy policy, Instant closedAt,
        Calendars.BusinessCalendar calendar) =>
        [.. policy.Contacts.Select(c => (c.Rule, c.DueAt(closedAt, calendar)))];

    private static DeadlineSet Set(FollowUpContact contact, int round, Instant start, Instant closedAt,
        DeadlineContext context, FollowUpPolicy policy) =>
        new(context.ComplaintId, contact.Rule, round, start, contact.DueAt(closedAt, context.Calendar),
            TimeMeasure.WorkingTime, context.Calendar.Id, context.Calendar.Version, policy.Version);
}
