using Complaints.Host.Deadlines;
using Complaints.Host.Infrastructure;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Complaints.Host.Tests.Reports;

/// <summary>
/// A small fixed month of complaints (November 2026, Shanghai working hours 08:30–17:30, no holidays) whose
/// KPIs are computed by hand in the tests. Times are local.
/// </summary>
public static class November
{
    public static Instant At(int day, int hour, int minute = 0) =>
        new LocalDateTime(2026, 11, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToInstant();

    /// <summary>
    /// Every deadline met on time; first response 420 working minutes; closed after 1140; satisfaction 5.
    /// </summary>
    public static ScriptedComplaint OnTime(DeadlineSettings settings) =>
        ScriptedComplaint.Received(settings, "CP-2026-000001", At(9, 9))
            .Acknowledged(At(9, 9, 30))
            .Verified(At(9, 10, 30))
            .Confirmed(At(9, 10, 45))
            .PlanProposed(At(9, 11))
            .PlanApproved(1, At(9, 16))
            .CustomerAnswered(1, accepted: true, At(10, 9))
            .Closed(At(11, 10))
            .Satisfied(5, At(12, 10));

    /// <summary>
    /// D3 missed (escalated) then met late; plan v1 rejected by the customer (D4, D5, D6 run again);
    /// first response 240; closed after 1350, reopened, closed again after 540; satisfaction 2.
    /// </summary>
    public static ScriptedComplaint RejectedAndReopened(DeadlineSettings settings) =>
        ScriptedComplaint.Received(settings, "CP-2026-000002", At(9, 14))
            .Missed("D3", At(9, 15))
            .Acknowledged(At(9, 15, 30))
            .Verified(At(9, 15, 45))
            .Confirmed(At(9, 16))
            .PlanProposed(At(9, 16, 30))
            .PlanApproved(1, At(10, 9))
            .CustomerAnswered(1, accepted: false, At(10, 10))
            .Verified(At(10, 11))
            .Confirmed(At(10, 11, 15))
            .PlanProposed(At(10, 11, 30))
            .PlanApproved(2, At(10, 14))
            .CustomerAnswered(2, accepted: true, At(10, 15))
            .Closed(At(12, 9, 30))
            .Reopened(At(13, 10))
            .Verified(At(13, 10, 30))
            .Confirmed(At(13, 10, 40))
            .PlanProposed(At(13, 11))
            .PlanApproved(3, At(13, 11, 30))
            .CustomerAnswered(3, accepted: true, At(13, 13))
            .Closed(At(16, 10))
            .Satisfied(2, At(16, 11));

    /// <summary>Class C in sales: D3 missed and met late, D4 missed and still open at the end of the month.</summary>
    public static ScriptedComplaint Overdue(DeadlineSettings settings) =>
        ScriptedComplaint.Received(settings, "CP-2026-000003", At(10, 9), severity: "C", department: "sales")
            .Missed("D3", At(10, 10))
            .Acknowledged(At(10, 10, 30))
            .Missed("D4", At(10, 11));

    /// <summary>Found invalid an hour after receipt: D3, D4 and D7 met; first response and closure after 60.</summary>
    public static ScriptedComplaint Invalid(DeadlineSettings settings) =>
        ScriptedComplaint.Received(settings, "CP-2026-000004", At(11, 9))
            .Acknowledged(At(11, 9, 20))
            .Verified(At(11, 10), valid: false);

    public static IReadOnlyList<ScriptedComplaint> All(DeadlineSettings settings) =>
        [OnTime(settings), RejectedAndReopened(settings), Overdue(settings), Invalid(settings)];

    /// <summary>Appends the whole month to the test host's store and waits until the reports show it.</summary>
    public static Task RecordAsync(ComplaintsApi api) =>
        RecordAsync(api, All(api.Services.GetRequiredService<DeadlineSettings>()));

    /// <summary>Appends scripted complaints to the test host's store and waits until the reports show them.</summary>
    public static async Task RecordAsync(ComplaintsApi api, IReadOnlyList<ScriptedComplaint> month)
    {
        foreach (var complaint in month)
            await complaint.AppendAsync(api.Store);
        // The month's numbers (CP-2026-000001…) were written, not drawn: registrations after it must draw past them,
        // as after an import, or on a fresh database the next one collides with CP-2026-000001.
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var advance = new NpgsqlCommand(
                $"select setval('{StoreConfiguration.NumberSequence}', greatest({month.Count}, " +
                $"(select last_value from {StoreConfiguration.NumberSequence})))", connection);
            await advance.ExecuteScalarAsync();
        }
        await api.WaitForReportsAsync();
    }
}
