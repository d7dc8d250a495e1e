using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Startup;

/// <summary>
/// The built engine started the way an operator starts it, with something wrong: it stops with exit code 1 and one line
/// on standard error naming what to fix, never a stack trace.
/// </summary>
public sealed class StartupTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task Outside_development_a_missing_connection_string_is_one_line_and_exit_code_1()
    {
        var refused = await HostCommand.EngineAsync(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Authentication__Jwt__Issuer"] = "complaints",
            ["Authentication__Jwt__Audience"] = "complaints",
            ["Authentication__Jwt__SigningKey"] = "a-production-key-of-at-least-32-bytes-0001",
            ["Search__CustomerKeySecret"] = "a-production-customer-key-secret-of-32-bytes"
        });

        OneLineRefusal(refused).ShouldBe(
            "Cannot start: ConnectionStrings:Marten is not set. Outside Development (this is Production) the engine " +
            "needs a PostgreSQL connection string; the embedded cluster runs only in Development");
    }

    /// <summary>It named the token settings alone, then the connection string at the next start, then the secret.</summary>
    [Fact]
    public async Task Outside_development_with_nothing_configured_one_line_names_every_missing_setting()
    {
        var refused = await HostCommand.EngineAsync(new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });

        var line = OneLineRefusal(refused);
        line.ShouldStartWith("Cannot start: ");
        line.ShouldContain("ConnectionStrings:Marten is not set");
        line.ShouldContain("Authentication:Jwt:Audience must be configured");
        line.ShouldContain("Search:CustomerKeySecret must have at least");
    }

    /// <summary>Kestrel found the address taken only after the database had started, and printed its stack trace twice.</summary>
    [Fact]
    public async Task An_http_address_taken_by_someone_else_is_one_line_before_anything_starts_and_exit_code_1()
    {
        using var someoneElse = new TcpListener(IPAddress.Loopback, 0);
        someoneElse.Start();
        var port = ((IPEndPoint)someoneElse.LocalEndpoint).Port;

        var refused = await HostCommand.EngineAsync(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Marten"] = Api.ConnectionString,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}"
        });

        OneLineRefusal(refused).ShouldBe($"Cannot start: http://127.0.0.1:{port} is in use by another program; stop it, " +
                                         "or serve on another address (ASPNETCORE_URLS or --urls).");
        refused.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_embedded_port_taken_by_someone_else_is_one_line_naming_the_setting_and_exit_code_1()
    {
        using var someoneElse = new TcpListener(IPAddress.Loopback, 0);
        someoneElse.Start();
        var port = ((IPEndPoint)someoneElse.LocalEndpoint).Port;
        var checkout = Directory.CreateTempSubdirectory("complaints-taken-port-").FullName;
        try
        {
            var refused = await HostCommand.EngineAsync(new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["EmbeddedPostgres__DataDirectory"] = Path.Combine(checkout, "postgres"),
                ["EmbeddedPostgres__Port"] = $"{port}"
            });

            var line = OneLineRefusal(refused);
            line.ShouldContain($"did not start on port {port} (could not bind IPv4 address \"127.0.0.1\": Address already in use)");
            line.ShouldContain("set EmbeddedPostgres:Port to a free one or configure ConnectionStrings:Marten");
        }
        finally
        {
            Directory.Delete(checkout, recursive: true);
        }
    }

    [Theory]
    [InlineData("RequestLimits__MaxBodyBytes", "0", "RequestLimits:MaxBodyBytes must be positive (is 0)")]
    [InlineData("Memory__IdleCheck", "00:00:00", "Memory:IdleCheck must be a positive time span (is 00:00:00)")]
    [InlineData("Intake__Categories__0", " ", "Intake:Categories:0 must be a name of 1 to 200 characters")]
    [InlineData("Authentication__Jwt__Authority", "http://login.example", "Authentication:Jwt:Authority must use https")]
    [InlineData("Webhooks__Subscribers__0__Url", "workshop/hooks", "Webhooks:Subscribers:0:Url must be an absolute http or https URL")]
    [InlineData("InputBounds__Latest", "1999-01-01", "InputBounds: Latest must not lie before Earliest")]
    [InlineData("Search__CustomerKeySecret", "too-short", "Search:CustomerKeySecret must have at least 32 bytes")]
    [InlineData("Reporting__TimeZone", "Mars/Olympus", "Reporting:TimeZone 'Mars/Olympus' is not a known IANA time zone")]
    [InlineData("Reporting__PauseAbuse__Share", "1.5", "Reporting:PauseAbuse:Share must be a number from 0 up to, not including, 1 (is 1.5)")]
    [InlineData("Deadlines__FollowUpPolicyFile", "/nonexistent/follow-ups.json", "Follow-up policy /nonexistent/follow-ups.json: ")]
    public async Task A_wrong_setting_stops_the_start_in_one_line_naming_it(string setting, string value, string message)
    {
        var refused = await HostCommand.EngineAsync(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Marten"] = Api.ConnectionString,
            ["Webhooks__Subscribers__0__Name"] = "workshop",
            ["Webhooks__Subscribers__0__Url"] = "https://workshop.example/hooks",
            ["Webhooks__Subscribers__0__Secrets__0"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            [setting] = value
        });

        OneLineRefusal(refused).ShouldStartWith("Cannot start: " + message);
    }

    [Fact]
    public async Task A_configured_embedded_port_outside_the_usable_range_is_refused_before_anything_starts()
    {
        var refused = await HostCommand.EngineAsync(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["EmbeddedPostgres__Port"] = "80"
        });

        OneLineRefusal(refused).ShouldBe("Cannot start: EmbeddedPostgres:Port must be between 1024 and 65535 (is 80)");
    }

    [Fact]
    public async Task In_production_a_schema_applied_by_resources_setup_serves_and_a_bare_database_is_refused_in_one_line()
    {
        var database = await TestDatabases.EmptyAsync("complaints_production_start");
        var jwt = new JwtOptions
        {
            Issuer = "https://login.example", Audience = "complaints", SigningKey = "a-production-key-of-at-least-32-bytes-0001"
        };
        var production = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Marten"] = database,
            ["Authentication__Jwt__Issuer"] = jwt.Issuer,
            ["Authentication__Jwt__Audience"] = jwt.Audience,
            ["Authentication__Jwt__SigningKey"] = jwt.SigningKey,
            ["Search__CustomerKeySecret"] = "a-production-customer-key-secret-of-32-bytes"
        };

        OneLineRefusal(await HostCommand.EngineAsync(production)).ShouldStartWith("Cannot start: ");

        var setup = await HostCommand.EngineAsync(production, "resources", "setup");
        setup.ExitCode.ShouldBe(0, setup.ToString());
        await using var engine = await EngineProcess.StartAsync(database, production);
        using var intake = engine.AnonymousClient();
        intake.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            new DevelopmentTokens(jwt).Issue(Tokens.Staff, Tokens.StaffRoles, TimeSpan.FromMinutes(10)));
        // The engine runs on the real clock here, so the date asked for is a real future one.
        var registration = Bodies.Registration();
        registration["requestedResolutionDate"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var registered = await intake.PostJsonAsync("/api/complaints", registration);
        registered.Status.ShouldBe(HttpStatusCode.Created, registered.Body?.ToJsonString());
    }

    private static string OneLineRefusal(HostCommand.Outcome outcome)
    {
        outcome.ExitCode.ShouldBe(1, outcome.ToString());
        (outcome.Output + outcome.Errors).ShouldNotContain("   at ", customMessage: "no stack trace");
        var lines = outcome.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1, outcome.Errors);
        return lines[0];
    }
}
