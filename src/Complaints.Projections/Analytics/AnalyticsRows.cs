namespace Complaints.Projections.Analytics;

/// <summary>One complaint's ledger row and its rows in each fact table, ready to write.</summary>
public sealed record AnalyticsRows(
    Guid Complaint, object?[] Ledger, IReadOnlyList<(AnalyticsTable Table, IReadOnlyList<object?[]> Rows)> Facts);
