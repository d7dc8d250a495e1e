namespace Complaints.Host.Audit;

public static class AuditConfiguration
{
    /// <summary>The raw event reader behind history, integrity and export, and the <c>audit</c> command's import.</summary>
    public static WebApplicationBuilder AddComplaintAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddSingleton<HistoryImport>();
        builder.Services.AddSingleton<PersonalDataErasure>();
        return builder;
    }
}
