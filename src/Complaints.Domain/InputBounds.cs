using NodaTime;
using NodaTime.Text;

namespace Complaints.Domain;

/// <summary>
/// The window of dates and instants the engine accepts from outside (ADR 0015). Years that parse are not all years
/// a complaint can have: one receipt time in 1700 or a requested date in the year 0 made every deadline computation,
/// report and database column downstream pay for it or fail.
/// </summary>
/// <param name="Earliest">No complaint was received, nor any report or query is asked for, before this day (UTC).</param>
/// <param name="Latest">No report or query is asked for after this day (UTC).</param>
/// <param name="AllowedClockSkew">How far in the future a receipt time may lie, to absorb clock skew between systems.</param>
/// <param name="ResolutionHorizonYears">How many years after its receipt a customer may ask a complaint to be resolved.</param>
public sealed record InputBounds(LocalDate Earliest, LocalDate Latest, Duration AllowedClockSkew, int ResolutionHorizonYears)
{
    public static InputBounds Default { get; } =
        new(new LocalDate(2000, 1, 1), new LocalDate(2100, 12, 31), Duration.FromMinutes(5), 5);

    /// <summary>The offset at which a day begins earliest: the receipt's day there is the earliest anyone calls it.</summary>
    private static readonly Offset EarliestDayOffset = Offset.FromHours(-12);

    public Instant EarliestInstant => Earliest.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

    /// <summary>The first instant after the window.</summary>
    public Instant EndInstant => Latest.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

    /// <summary>"between 2000-01-01 and 2100-12-31", for messages.</summary>
    public string Window => $"between {Text(Earliest)} and {Text(Latest)}";

    public bool Contains(LocalDate date) => date >= Earliest && date <= Latest;

    public bool Contains(Instant instant) => instant >= EarliestInstant && instant < EndInstant;

    /// <summary>The first day a customer may ask for: the receipt's day in the zone where it began earliest.</summary>
    public static LocalDate ReceiptDay(Instant receivedAt) => receivedAt.WithOffset(EarliestDayOffset).Date;

    public LocalDate LatestResolutionDate(Instant receivedAt) =>
        receivedAt.InUtc().Date.PlusYears(ResolutionHorizonYears);

    /// <summary>Refuses settings that would let nothing in, or a window NodaTime and PostgreSQL cannot both hold.</summary>
    public InputBounds Checked()
    {
        var problems = new List<string>();
        if (Earliest.Year < 1 || Latest.Year > 9998) problems.Add("Earliest and Latest must lie between the years 1 and 9998");
        if (Latest < Earliest) problems.Add("Latest must not lie before Earliest");
        if (AllowedClockSkew < Duration.Zero || AllowedClockSkew > Duration.FromDays(1))
            problems.Add("AllowedClockSkew must lie between 00:00:00 and 1.00:00:00");
        if (ResolutionHorizonYears is < 0 or > 100) problems.Add("ResolutionHorizonYears must lie between 0 and 100");
        return problems.Count == 0 ? this : throw new ArgumentException($"InputBounds: {string.Join("; ", problems)}.");
    }

    public static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
