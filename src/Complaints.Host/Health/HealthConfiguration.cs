using Complaints.Host.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Complaints.Host.Health;

/// <summary>The answer of <c>GET /health/live</c>: the process runs and serves requests.</summary>
public sealed record Liveness(string Status);

/// <summary>
/// ASP.NET Core's health checks: <c>/health/live</c> runs none (the process answers, so it lives) and
/// <c>/health/ready</c> runs those tagged <see cref="Ready"/> and answers <see cref="Readiness"/> (docs/operations.md).
/// </summary>
public static class HealthConfiguration
{
    public const string Ready = "ready";
    public const string Database = "database";
    public const string Messaging = "messaging";
    public const string Projections = "projections";
    public const string Reports = "reports";
    public const string Calendars = "calendars";
    public const string Directory = "directory";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static WebApplicationBuilder AddComplaintHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProjectionsCheck>();
        builder.Services.AddHealthChecks()
            .AddNpgSql(services => services.GetRequiredService<DatabaseLocation>().ConnectionString, name: Database,
                tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<MessagingCheck>(Messaging, tags: [Ready])
            .AddCheck<ProjectionsCheck>(Projections, tags: [Ready])
            .AddCheck<ReportFailuresCheck>(Reports, tags: [Ready])
            .AddCheck<CalendarCoverageCheck>(Calendars, tags: [Ready])
            .AddCheck<DirectoryGapsCheck>(Directory, tags: [Ready]);
        return builder;
    }

    public static WebApplication MapComplaintHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (http, _) => http.Response.WriteAsJsonAsync(new Liveness("live"))
        })
            .Describe<Liveness>("Liveness: the process runs", "200 while the process serves requests; restart it when this fails.",
                StatusCodes.Status200OK);
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            // Degraded (a projection stopped) is not ready either: stale reports are worth paging for.
            ResultStatusCodes =
                {
                    [HealthStatus.Healthy] = StatusCodes.Status200OK,
                    [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                    [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable
                },
            ResponseWriter = (http, report) => http.Response.WriteAsJsonAsync(
                Readiness.From(report, detailed: http.User.Identity?.IsAuthenticated == true))
        })
            .Describe<Readiness>("Readiness: the store, the message runtime and the projections",
                "200 when the event store answers, the message runtime runs and no projection has stopped; 503 otherwise.",
                StatusCodes.Status200OK, StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>Anonymous GET with its answers in the OpenAPI document, like the contract's other endpoints.</summary>
    private static void Describe<TAnswer>(this IEndpointConventionBuilder endpoint, string summary, string description,
        params int[] codes)
    {
        endpoint.AllowAnonymous()
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .WithSummary(summary)
            .WithDescription(description)
            .WithTags("Health");
        foreach (var code in codes) endpoint.WithMetadata(new ProducesResponseTypeMetadata(code, typeof(TAnswer), ["application/json"]));
    }
}
