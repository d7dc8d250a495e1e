using System.Globalization;

namespace Complaints.Host.Reports.PauseAbuse;

/// <summary>
/// When a complaint counts as pause abuse (docs/adr/0041): its paused clocks spent more than <see cref="Share"/> of
/// their time paused awaiting the customer, and at least <see cref="MinimumPaused"/> in all, so a short clock paused
/// for a few minutes is not flagged.
/// </summary>
public sealed class PauseAbuseOptions
{
    public const string Section = "Reporting:PauseAbuse";

    public double Share { get; set; } = 0.5;

    public TimeSpan MinimumPaused { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The minimum in the whole minutes the tables count pauses in.</summary>
    public long MinimumPausedMinutes => (long)Math.Ceiling(MinimumPaused.TotalMinutes);

    public IEnumerable<string> Problems()
    {
        if (!(Share is >= 0 and < 1))
            yield return string.Create(CultureInfo.InvariantCulture, $"Share must be a number from 0 up to, not including, 1 (is {Share})");
        if (MinimumPaused < TimeSpan.Zero || MinimumPaused > TimeSpan.FromDays(365))
            yield return $"MinimumPaused must be a time span from 00:00:00 to 365.00:00:00 (is {MinimumPaused})";
    }

    /// <summary>
    /// Whether the ledger row <paramref name="ledger"/> is flagged, as SQL with the parameters <c>@abuse_share</c> and
    /// <c>@abuse_minimum</c> (<see cref="Parameters"/>): judged once its paused clocks have all ended.
    /// </summary>
    public static string Flagged(string ledger) =>
        $"({ledger}.paused_clock_minutes > 0 and {ledger}.paused_minutes >= @abuse_minimum"
        + $" and {ledger}.paused_minutes::float8 / {ledger}.paused_clock_minutes > @abuse_share)";

    public Npgsql.NpgsqlParameter[] Parameters() =>
        [new("abuse_share", Share), new("abuse_minimum", MinimumPausedMinutes)];
}
