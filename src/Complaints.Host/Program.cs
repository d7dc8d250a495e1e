using Complaints.Host.Audit;
using Complaints.Host.Infrastructure;
using Complaints.Host.OpenApi;
using Complaints.Host.Reports;
using Complaints.Host.Security;
using Complaints.Host.Webhooks;
using JasperFx;

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
app.UseComplaintHttp();
app.UseComplaintOpenApi();

// Besides serving, the JasperFx commands apply the schema (db-apply) and write generated code (codegen write).
return await app.RunJasperFxCommands(args);

public partial class Program;
