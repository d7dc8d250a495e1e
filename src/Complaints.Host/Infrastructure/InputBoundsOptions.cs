using Complaints.Domain;
using NodaTime;

namespace Complaints.Host.Infrastructure;

/// <summary>The <c>InputBounds</c> settings: the window of dates and instants requests may carry (ADR 0015).</summary>
public sealed class InputBoundsOptions
{
    public const string Section = "InputBounds";

    public DateOnly Earliest { get; set; } = InputBounds.Default.Earliest.ToDateOnly();
    public DateOnly Latest { get; set; } = InputBounds.Default.Latest.ToDateOnly();
    public TimeSpan AllowedClockSkew { get; set; } = InputBounds.Default.AllowedClockSkew.ToTimeSpan();
    public int ResolutionHorizonYears { get; set; } = InputBounds.Default.ResolutionHorizonYears;

    /// <summary>The configured bounds; settings that make no sense stop the host at start.</summary>
    public static InputBounds Load(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<InputBoundsOptions>() ?? new InputBoundsOptions();
        return new InputBounds(LocalDate.FromDateOnly(options.Earliest), LocalDate.FromDateOnly(options.Latest),
            Duration.FromTimeSpan(options.AllowedClockSkew), options.ResolutionHorizonYears).Checked();
    }
}
