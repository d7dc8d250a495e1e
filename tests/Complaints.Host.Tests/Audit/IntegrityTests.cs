using System.Net;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Audit;

/// <summary>Edits made in the database behind the engine's back are detected and located.</summary>
public sealed class IntegrityTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task An_untouched_complaint_passes()
    {
        var id = await Client.RegisterConfirmedAsync();

        var integrity = await IntegrityAsync(id);

        integrity.Body!["valid"]!.GetValue<bool>().ShouldBeTrue();
        integrity.Long("events").ShouldBe((await Client.HistoryAsync(id)).Count);
        integrity.Body["firstAlteredVersion"].ShouldBeNull();
    }

    [Fact]
    public async Task Changing_a_stored_events_data_fails_the_check_at_that_version()
    {
        var id = await Client.RegisterConfirmedAsync();
        var verified = (await Client.HistoryAsync(id)).Single(e => e.Type() == "ComplaintVerified").Version();

        await Api.UpdateEventAsync(id, verified, "data = jsonb_set(data, '{findings}', '\"Customer misused the brakes\"')");

        ShouldBeAlteredAt(await IntegrityAsync(id), verified);
    }

    [Fact]
    public async Task Changing_who_or_when_fails_the_check_at_that_version()
    {
        var id = await Client.RegisterConfirmedAsync();
        var acknowledged = (await Client.HistoryAsync(id)).Single(e => e.Type() == "ComplaintAcknowledged").Version();
        var confirmed = (await Client.HistoryAsync(id)).Single(e => e.Type() == "ComplaintConfirmed").Version();

        await Api.UpdateEventAsync(id, confirmed, "timestamp = timestamp - interval '3 hours'");
        ShouldBeAlteredAt(await IntegrityAsync(id), confirmed);

        await Api.UpdateEventAsync(id, acknowledged, "user_name = 'Director Chen'");
        ShouldBeAlteredAt(await IntegrityAsync(id), acknowledged);
    }

    [Fact]
    public async Task Changing_the_customers_name_fails_the_check_at_registration()
    {
        var id = await Client.RegisterAsync();

        await Api.UpdateEventAsync(id, 1, "data = jsonb_set(data, '{intake,customer,name}', '\"Somebody Else\"')");

        ShouldBeAlteredAt(await IntegrityAsync(id), 1);
    }

    [Fact]
    public async Task Deleting_an_event_fails_the_check_at_the_missing_version()
    {
        var id = await Client.RegisterConfirmedAsync();
        var acknowledged = (await Client.HistoryAsync(id)).Single(e => e.Type() == "ComplaintAcknowledged").Version();

        await Api.AlterAsync(id, $"delete from complaints.mt_events where stream_id = @complaint and version = {acknowledged}");

        var integrity = ShouldBeAlteredAt(await IntegrityAsync(id), acknowledged);
        integrity.Text("problem").ShouldContain("missing");
    }

    [Fact]
    public async Task Deleting_the_last_events_fails_the_check_where_they_were()
    {
        var id = await Client.RegisterConfirmedAsync();
        var last = (await Client.HistoryAsync(id)).Last().Version();

        await Api.AlterAsync(id, $"delete from complaints.mt_events where stream_id = @complaint and version >= {last - 1}");

        ShouldBeAlteredAt(await IntegrityAsync(id), last - 1);
    }

    [Fact]
    public async Task Moving_an_event_to_another_version_fails_the_check()
    {
        var id = await Client.RegisterConfirmedAsync();
        var last = (await Client.HistoryAsync(id)).Last().Version();

        // Swap the last two events: each is intact, but neither sits where it was sealed.
        await Api.AlterAsync(id, $"""
            update complaints.mt_events set version = -1 where stream_id = @complaint and version = {last};
            update complaints.mt_events set version = {last} where stream_id = @complaint and version = {last - 1};
            update complaints.mt_events set version = {last - 1} where stream_id = @complaint and version = -1;
            """);

        ShouldBeAlteredAt(await IntegrityAsync(id), last - 1);
    }

    [Fact]
    public async Task Hiding_an_event_as_archived_fails_the_check_at_that_version()
    {
        var id = await Client.RegisterConfirmedAsync();
        var confirmed = (await Client.HistoryAsync(id)).Single(e => e.Type() == "ComplaintConfirmed").Version();

        await Api.UpdateEventAsync(id, confirmed, "is_archived = true");

        ShouldBeAlteredAt(await IntegrityAsync(id), confirmed).Text("problem").ShouldContain("archived");
    }

    [Fact]
    public async Task Changing_why_an_event_happened_fails_the_check_at_that_version()
    {
        var id = await Client.RegisterConfirmedAsync();
        var verified = (await Client.HistoryAsync(id)).Single(e => e.Type() == "ComplaintVerified").Version();

        await Api.UpdateEventAsync(id, verified, "correlation_id = 'forged', causation_id = 'forged'");

        ShouldBeAlteredAt(await IntegrityAsync(id), verified);
    }

    [Fact]
    public async Task Writing_a_number_differently_fails_the_check()
    {
        var id = await Client.RegisterConfirmedAsync();
        await Client.WalkFromPlanToClosureAsync(id, planVersion: 1);
        await Client.Step(id, "satisfaction", new { score = 5 });
        var surveyed = (await Client.HistoryAsync(id)).Single(e => e.Type() == "SatisfactionRecorded").Version();

        await Api.UpdateEventAsync(id, surveyed, "data = jsonb_set(data, '{score}', '5.0')");

        ShouldBeAlteredAt(await IntegrityAsync(id), surveyed);
    }

    [Fact]
    public async Task Cutting_the_tail_and_the_streams_version_is_still_located_by_the_current_view()
    {
        var id = await Client.RegisterConfirmedAsync();
        var last = (await Client.HistoryAsync(id)).Last().Version();

        await Api.AlterAsync(id, $"""
            delete from complaints.mt_events where stream_id = @complaint and version = {last};
            update complaints.mt_streams set version = {last - 1} where id = @complaint;
            """);

        ShouldBeAlteredAt(await IntegrityAsync(id), last).Text("problem").ShouldContain("current view");
    }

    [Fact]
    public async Task A_complaint_whose_whole_history_was_deleted_is_reported_not_unknown()
    {
        var id = await Client.RegisterConfirmedAsync();

        await Api.AlterAsync(id, """
            delete from complaints.mt_events where stream_id = @complaint;
            delete from complaints.mt_streams where id = @complaint;
            """);

        ShouldBeAlteredAt(await IntegrityAsync(id), 1);
    }

    [Fact]
    public async Task A_complaint_that_does_not_exist_is_404()
    {
        (await Client.GetJsonAsync($"/api/complaints/{Guid.CreateVersion7()}/integrity"))
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private Task<Answer> IntegrityAsync(Guid id) => Client.GetJsonAsync($"/api/complaints/{id}/integrity");

    private static Answer ShouldBeAlteredAt(Answer integrity, long version)
    {
        integrity.ShouldBe(HttpStatusCode.OK);
        integrity.Body!["valid"]!.GetValue<bool>().ShouldBeFalse();
        integrity.Long("firstAlteredVersion").ShouldBe(version);
        integrity.Text("problem").ShouldNotBeNullOrWhiteSpace();
        return integrity;
    }
}
