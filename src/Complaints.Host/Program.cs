using Complaints.Host.Audit;
using Complaints.Host.Infrastructure;
using Complaints.Host.OpenApi;
using Complaints.Host.Reports;
using Complaints.Host.Security;
using Complaints.Host.Webhooks;
using JasperFx;
using Microsoft.Extensions.Options;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddComplaintStore();
    builder.AddComplaintMessaging();
    builder.AddComplaintHttp();
    builder.AddComplaintReports();
    builder.AddComplaintAudit();
    builder.AddComplaintSecurity();
    builder.AddComplaintOpenApi();
    builder.AddComplaintWebhooks();

    var app = builder.Build();
    // The settings are checked here, before any command runs, so a wrong one is reported by the catch below rather
    // than as a stack trace by the command runner (which would catch it inside the host's start).
    app.Services.GetService<IStartupValidator>()?.Validate();
    app.UseComplaintHttp();
    app.UseComplaintOpenApi();

    // Besides serving, the JasperFx commands apply the schema (db-apply) and write generated code (codegen write).
    return await app.RunJasperFxCommands(args);
}
catch (Exception e) when (StartupFailure.Explain(e) is { } reason)
{
    // A wrong setting or a taken port is the operator's to fix: one line, not a stack trace.
    await Console.Error.WriteLineAsync(reason);
    return 1;
}

public partial class Program;
