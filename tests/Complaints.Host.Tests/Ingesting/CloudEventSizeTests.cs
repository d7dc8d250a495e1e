using System.Net;
using System.Text.Json.Nodes;
using Complaints.Domain;
using Complaints.Host.Security;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Host.Tests.Ingesting;

/// <summary>
/// What fits the production body limit (1 MiB) but not an attribute's: a host of its own, since the shared one takes
/// bodies of 64 KiB only.
/// </summary>
[Collection(CodegenCollection.Name)]
public sealed class CloudEventSizeTests
{
    [Fact]
    public async Task A_source_of_900_kB_is_refused_and_not_echoed_and_the_event_before_it_is_recorded()
    {
        var connectionString = await TestDatabases.EmptyAsync("complaints_cloudevent_size_tests");
        await using var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start));
        using var service = host.ClientFor("call-centre", Roles.Service);
        var good = CloudEventsTests.Registration("call-1");
        var huge = CloudEventsTests.Registration("call-2");
        huge["source"] = "urn:" + new string('x', 900_000);

        var answer = (await service.SendJsonAsync("/api/events", new JsonArray(good, huge).ToJsonString(),
            contentType: "application/cloudevents-batch+json")).ShouldBe(HttpStatusCode.OK);
        var alone = await service.SendJsonAsync("/api/events", huge.ToJsonString(), contentType: "application/cloudevents+json");

        var results = answer.Body!["results"]!.AsArray();
        results.Select(r => r!["status"]!.GetValue<int>()).ShouldBe([201, 400]);
        results[1]!["problem"]!["errors"]!["source"].ShouldNotBeNull();
        results[1]!["source"].ShouldBeNull();
        answer.Body.ToJsonString().Length.ShouldBeLessThan(10_000);
        alone.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["source"]);
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var recorded = (await session.Events.QueryAllRawEvents().ToListAsync(TestContext.Current.CancellationToken))
            .Where(e => e.Data is IComplaintEvent).ToList();
        recorded.ShouldNotBeEmpty();
        recorded.ShouldAllBe(e => e.CausationId == $"{CloudEventsTests.Source}#call-1");
    }
}
