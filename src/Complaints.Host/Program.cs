using Complaints.Host.Complaints.StaffWork;
using Complaints.Host.Audit;
using Complaints.Host.Health;
using Complaints.Host.Infrastructure;
using Complaints.Host.Notifications;
using Complaints.Host.OpenApi;
using Complaints.Host.Reports;
using Complaints.Host.Rules;
using Complaints.Host.Security;
using Complaints.Host.Telemetry;
using Complaints.Host.Webhooks;
using Complaints.Host.WebConsole;
using JasperFx;
using Microsoft.Extensions.Options;

// A wrong setting or a taken port is the operator's to fix: one line on standard error and exit code 1, not a stack
// trace (docs/adr/0022).
args = CommandLine.WithHelp(args);
WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    var refusal = CommandLine.Refusal(builder.Environment, args)
                  ?? (CommandLine.IsCommand(args) ? null : CommandLine.TakenAddress(builder.Configuration));
    if (refusal is not null)
    {
        await Console.Error.WriteLineAsync(refusal);
        return 1;
    }
    CommandLine.Quiet(builder, args);
    // A command that starts the host (demo, clocks repair --apply) does its own work; the scheduled reports, mailed to
    // the directory, are the serving engine's to make, at the real time.
    if (CommandLine.IsCommand(args)) builder.Configuration["ScheduledReports:Enabled"] = "false";
    // Help reads nothing from the store: a placeholder keeps Development from starting the embedded cluster for it and
    // Production from asking for a connection string first.
    if (CommandLine.IsHelp(args)) builder.Configuration["ConnectionStrings:Marten"] = "Host=127.0.0.1;Database=help";
    builder.AddComplaintStore();
    builder.AddComplaintMessaging();
    builder.AddComplaintHttp();
    builder.AddComplaintReports();
    builder.AddComplaintAudit();
    builder.AddComplaintSecurity();
    builder.AddComplaintOpenApi();
    builder.AddComplaintWebhooks();
    builder.AddComplaintNotifications();
    builder.AddComplaintConsole();
    builder.AddComplaintStaffWork();
    builder.AddComplaintHealth();
    builder.AddComplaintTelemetry();
    builder.AddComplaintRules();

    app = builder.Build();
    // Checked here, before any command runs: the command runner would catch it inside the host's start and print a trace.
    if (!CommandLine.IsHelp(args)) app.Services.GetService<IStartupValidator>()?.Validate();
}
catch (Exception e) when (StartupFailure.Explain(e, readingSettings: true) is { } reason)
{
    await Console.Error.WriteLineAsync(reason);
    return 1;
}

try
{
    app.UseComplaintHttp();
    app.MapComplaintHealth();
    app.UseComplaintOpenApi();
    app.MapComplaintConsole();
    await app.EnsureSchemaAppliedAsync(args);

    // Besides serving, the JasperFx commands apply the schema (db-apply) and write generated code (codegen write).
    return await CommandLine.FinishAsync(await app.RunJasperFxCommands(args), args);
}
catch (Exception e) when (StartupFailure.Explain(e) is { } reason)
{
    await Console.Error.WriteLineAsync(reason);
    return 1;
}

public partial class Program;
