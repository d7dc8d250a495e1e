using System.Net;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Complaints.Host.Tests.Startup;

/// <summary>A configured category list is the list: the defaults do not linger beside it.</summary>
[Collection(CodegenCollection.Name)]
public sealed class ConfiguredCategoriesTests
{
    [Fact]
    public async Task Configured_categories_replace_the_defaults()
    {
        var connectionString = await TestDatabases.OwnAsync("complaints_category_tests");
        await using var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start),
            builder => builder.UseSetting("Intake:Categories:0", "paintwork"));
        using var staff = host.StaffClient();
        var paintwork = Bodies.Registration();
        paintwork["category"] = "paintwork";

        (await staff.PostJsonAsync("/api/complaints", paintwork)).ShouldBe(HttpStatusCode.Created);
        (await staff.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBeProblem(HttpStatusCode.BadRequest)
            .Body!.ToJsonString().ShouldContain("category");
    }
}
