using System.Text.Json;

namespace Complaints.Host.WebConsole;

public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values);

/// <summary>
/// One chart of the dashboard and the numbers it draws: the table shown beside it and its CSV are
/// <see cref="Headers"/> and <see cref="Rows"/>, the drawing is <see cref="Labels"/> and <see cref="Series"/>.
/// </summary>
/// <param name="EveryValuePercent">Every column after the first is a rate (a trend's periods), not only the last.</param>
public sealed record Chart(
    string Id, string Title, string Type, bool Percent, IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series,
    bool EveryValuePercent = false)
{
    /// <summary>Whether the table shows column <paramref name="column"/> of a row of <paramref name="count"/> as a percentage.</summary>
    public bool IsPercent(int column, int count) => Percent && (EveryValuePercent ? column >= 1 : column == count - 1);

    /// <summary>What the page's script draws, as the canvas's data-chart attribute.</summary>
    public string Drawing => JsonSerializer.Serialize(new
    {
        type = Type, percent = Percent, labels = Labels,
        series = Series.Select(s => new { label = s.Label, values = s.Values })
    });
}
