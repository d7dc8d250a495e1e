namespace Complaints.Host.Rules;

public static class RulesConfiguration
{
    /// <summary>The rules store, and what replays clocks with it (docs/rules-over-time.md).</summary>
    public static WebApplicationBuilder AddComplaintRules(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RuleHistory>();
        builder.Services.AddSingleton<ClockStreams>();
        builder.Services.AddHostedService<RuleRecording>();
        return builder;
    }
}
