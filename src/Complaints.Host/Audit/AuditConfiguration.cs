namespace Complaints.Host.Audit;

public static class AuditConfiguration
{
    /// <summary>The raw event reader behind history, integrity, export and the <c>audit</c> command.</summary>
    public static WebApplicationBuilder AddComplaintAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventLog>();
        return builder;
    }
}
