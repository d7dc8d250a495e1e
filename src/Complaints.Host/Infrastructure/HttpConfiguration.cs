using System.Text.Json.Serialization;
using Complaints.Domain;
using Complaints.Host.Complaints;
using Complaints.Host.Complaints.Registering;
using Complaints.Host.Deadlines;
using Complaints.Host.Security;
using Complaints.Projections;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Infrastructure;

public static class HttpConfiguration
{
    public static WebApplicationBuilder AddComplaintHttp(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        builder.Services.AddSingleton<Complaints.Writing.ComplaintAppender>();
        builder.Services.AddSingleton<ComplaintCommandPipeline>();
        builder.Services.AddSingleton<Complaints.Ingesting.CloudEventIngest>();
        var deadlineOptions = builder.Configuration.GetSection("Deadlines").Get<DeadlineOptions>() ?? new DeadlineOptions();
        builder.Services.AddSingleton(DeadlineSettings.Load(deadlineOptions));
        builder.Services.AddSingleton<Calendars.CalendarCoverage>();
        builder.Services.AddHostedService<Calendars.CalendarCoverageLog>();
        builder.AddSettings<RequestLimits>("RequestLimits", limits => limits.Problems());
        var bounds = InputBoundsOptions.Load(builder.Configuration);
        builder.Services.AddSingleton(bounds);
        builder.AddSettings<IntakeOptions>("Intake", intake => new[] { ("Categories", intake.Categories), ("RootCauses", intake.RootCauses) }
            .SelectMany(list => list.Item2.Select((name, i) => (list.Item1, name, i)))
            .Where(c => string.IsNullOrWhiteSpace(c.name) || c.name.Length > Validator.MaxLineLength)
            .Select(c => $"{c.Item1}:{c.i} must be a name of 1 to {Validator.MaxLineLength} characters.")
            .Concat(intake.RepeatWindowDays is >= 1 and <= IntakeOptions.MaxRepeatWindowDays ? []
                : [$"RepeatWindowDays must be a number of days from 1 to {IntakeOptions.MaxRepeatWindowDays} (is {intake.RepeatWindowDays})."]));
        builder.Services.AddSingleton<RegistrationLookup>();
        // Registrations over HTTP and as CloudEvents both read the bounds from the intake options.
        builder.Services.PostConfigure<IntakeOptions>(intake =>
        {
            intake.Bounds = bounds;
            if (intake.Categories.Count == 0) intake.Categories = [.. Categories.Default];
            if (intake.RootCauses.Count == 0) intake.RootCauses = [.. RootCauses.Default];
        });
        builder.AddSettings<MemoryOptions>("Memory", memory => memory.Problems());
        builder.Services.AddHostedService<IdleMemoryRelease>();
        builder.Services.ConfigureSystemTextJsonForWolverineOrMinimalApi(json =>
        {
            ComplaintJson.Configure(json.SerializerOptions);
            // ASP.NET Core's web defaults read "3" as 3; a number sent as text is the wrong type, like any other.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Ahead of ASP.NET Core's own writer, which AddProblemDetails registers and which would skip some clients.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddWolverineHttp();
        // Kestrel refuses a header byte above 0x7F with a bare 400 before any middleware runs. The CloudEvents binding
        // asks senders to percent-encode such characters in ce- headers; reading those as Latin-1 lets the reader
        // answer a sender that did not with a problem naming the attribute (docs/adr/0016).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.RequestHeaderEncodingSelector = header =>
            header.StartsWith("ce-", StringComparison.OrdinalIgnoreCase) ? System.Text.Encoding.Latin1 : null);
        return builder;
    }

    public static WebApplication UseComplaintHttp(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCorrelationIds();
        app.UseRouting();
        // Authentication and authorization first: an anonymous request is refused before its body is read.
        app.UseComplaintSecurity();
        app.UseMiddleware<QueryGuard>();
        app.UseMiddleware<RequestGuard>();
        // "?page=abc" is a bad request, not page 1.
        app.MapWolverineEndpoints(http => http.RejectUnparseableQueryValues = true);
        return app;
    }
}
