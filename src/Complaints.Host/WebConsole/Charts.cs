using System.Text.Json;

namespace Complaints.Host.WebConsole;

public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values);

/// <summary>
/// One chart of the dashboard and the numbers it draws: the table shown beside it and its CSV are
/// <see cref="Headers"/> and <see cref="Rows"/>, the drawing is <see cref="Labels"/> and <see cref="Series"/>.
/// </summary>
public sealed record Chart(
    string Id, string Title, string Type, bool Percent, IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>What the page's script draws, as the canvas's data-chart attribute.</summary>
    public string Drawing => JsonSerializer.Serialize(new
    {
        type = Type, percent = Percent, labels = Labels,
        series = Series.Select(s => new { label = s.Label, values = s.Values })
    });
}
