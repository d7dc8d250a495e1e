using System.Globalization;
using Complaints.Host.Tests.Infrastructure;
using Npgsql;

namespace Complaints.Host.Tests.Demo;

/// <summary>The demo month, recorded by the operator's command through the engine's own write path.</summary>
public sealed class DemoCommandTests
{
    private const int Complaints = 80;

    [Fact]
    public async Task An_empty_database_gets_a_month_of_complaints_on_every_path_with_intact_histories_and_reports()
    {
        var database = await TestDatabases.EmptyAsync("complaints_demo_tests");

        var demo = await HostCommand.EngineAsync(database, "demo", "--month", "2026-11", "--complaints", Complaints.ToString(CultureInfo.InvariantCulture));

        demo.ExitCode.ShouldBe(0, demo.ToString());
        demo.Output.ShouldContain($"Recorded {Complaints} complaints of 2026-11");
        (await CountAsync(database, "select count(*) from analytics.ledger")).ShouldBe(Complaints);
        foreach (var status in new[] { "closed", "closed-as-invalid" })
            (await CountAsync(database, $"select count(*) from analytics.ledger where status = '{status}'")).ShouldBeGreaterThan(0, status);
        (await CountAsync(database, "select count(*) from analytics.ledger where status not like 'closed%'")).ShouldBeGreaterThan(0);
        (await CountAsync(database, "select count(*) from analytics.escalations")).ShouldBeGreaterThan(0);
        (await CountAsync(database, "select count(*) from complaints.mt_events where type = 'complaint_reopened'")).ShouldBeGreaterThan(0);
        (await CountAsync(database, "select count(*) from complaints.mt_events where type = 'customer_rejected'")).ShouldBeGreaterThan(0);
        // Recorded at the month's own moments, as its people and timers would have, not at the moment the demo ran.
        (await CountAsync(database, """
            select count(*) from complaints.mt_events
            where timestamp < '2026-11-01T00:00:00+08:00' or timestamp >= '2026-12-01T00:00:00+08:00'
            """)).ShouldBe(0);
        // Nothing mailed: the month is over, and the scheduled reports are the serving engine's to make.
        (await CountAsync(database, "select count(*) from complaints.mt_doc_notificationrecord")).ShouldBe(0);
        (await CountAsync(database, "select count(*) from complaints.mt_doc_reportdelivery")).ShouldBe(0);
        var verified = await HostCommand.EngineAsync(database, "audit", "verify");
        verified.ExitCode.ShouldBe(0, verified.ToString());
        verified.Output.ShouldContain($"{Complaints} complaints");

        var again = await HostCommand.EngineAsync(database, "demo", "--month", "2026-11", "--complaints", "5");

        again.ExitCode.ShouldBe(1, again.ToString());
        again.Errors.ShouldContain("already holds complaints");
        (await CountAsync(database, "select count(*) from complaints.mt_streams")).ShouldBe(Complaints);
    }

    [Theory]
    [InlineData("--month", "2099-01", "has not ended")]
    [InlineData("--month", "2026-13", "--month must be a month")]
    [InlineData("--complaints", "0", "--complaints must be between")]
    public async Task A_month_or_size_it_cannot_record_is_refused_in_one_line(string flag, string value, string reason)
    {
        var database = await TestDatabases.EmptyAsync("complaints_demo_refusals");

        var refused = await HostCommand.EngineAsync(database, "demo", flag, value);

        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Errors.Trim().ShouldContain(reason);
        refused.Errors.Trim().Split('\n').Length.ShouldBe(1, refused.ToString());
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
