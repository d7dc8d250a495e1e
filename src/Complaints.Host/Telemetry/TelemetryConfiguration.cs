using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Complaints.Host.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics from ASP.NET Core, outgoing HTTP (webhooks), Npgsql, Marten, Wolverine and the
/// engine's own meter (docs/operations.md, docs/adr/0033). Exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set; with no endpoint (and <c>Telemetry:Enabled</c> false) no provider is registered at all, so nothing listens and
/// the write path pays nothing for it.
/// </summary>
public static class TelemetryConfiguration
{
    public const string EnabledSetting = "Telemetry:Enabled";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string DefaultServiceName = "complaints-engine";

    /// <summary>The activity sources and meters of the libraries under the engine (Marten and Wolverine name theirs so).</summary>
    private static readonly string[] Libraries = ["Marten", "Wolverine"];

    /// <summary>An OTLP endpoint is set: traces, metrics and logs go there.</summary>
    public static bool Exports(IConfiguration configuration) => configuration[OtlpEndpointSetting] is { Length: > 0 };

    /// <summary>Telemetry is collected: for an OTLP endpoint, or for an exporter of one's own (a test's in-memory one).</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        Exports(configuration) || configuration.GetValue<bool>(EnabledSetting);

    public static WebApplicationBuilder AddComplaintTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EngineMetrics>();
        if (!IsEnabled(builder.Configuration)) return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                builder.Configuration["OTEL_SERVICE_NAME"] ?? DefaultServiceName,
                serviceVersion: typeof(TelemetryConfiguration).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(http =>
                    // Probes every few seconds would drown the commands.
                    http.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(Libraries))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Libraries)
                .AddMeter(EngineMetrics.Name));
        // The standard OTEL_EXPORTER_OTLP_* variables (protocol, headers) are read by the exporter itself.
        if (Exports(builder.Configuration)) telemetry.WithLogging().UseOtlpExporter();
        return builder;
    }
}
