using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Complaints.Projections.Analytics;

/// <summary>A column of an analytics table: its SQL type and whether it may be empty.</summary>
public sealed record AnalyticsColumn(string Name, string SqlType, bool Nullable = false);

/// <summary>
/// A plain relational table in the analytics schema, keyed by complaint: the projection replaces a
/// complaint's rows whenever the complaint changes, so rows are always a function of the event stream.
/// </summary>
public sealed class AnalyticsTable
{
    public AnalyticsTable(string name, string[] primaryKey, params AnalyticsColumn[] columns)
    {
        Name = name;
        Columns = columns;
        Definition = new Table(new PostgresqlObjectName(AnalyticsSchema.Name, name, SchemaUtils.IdentifierUsage.General));
        foreach (var column in columns)
        {
            var expression = Definition.AddColumn(column.Name, column.SqlType);
            if (primaryKey.Contains(column.Name)) expression.AsPrimaryKey();
            else if (column.Nullable) expression.AllowNulls();
            else expression.NotNull();
        }
        var names = Columns.Select(c => c.Name).ToList();
        InsertPrefix = $"insert into {QualifiedName} ({string.Join(", ", names)}) values ";
        RowPlaceholders = $"({string.Join(", ", names.Select(_ => "?"))})";
        Upsert = $"{InsertPrefix}{RowPlaceholders} on conflict ({string.Join(", ", primaryKey)}) do update set "
                 + string.Join(", ", names.Except(primaryKey).Select(n => $"{n} = excluded.{n}"));
    }

    public string Name { get; }

    public string QualifiedName => $"{AnalyticsSchema.Name}.{Name}";

    public IReadOnlyList<AnalyticsColumn> Columns { get; }

    public Table Definition { get; }

    /// <summary>Inserts one row, or replaces the row with the same key.</summary>
    public string Upsert { get; }

    private string InsertPrefix { get; }

    private string RowPlaceholders { get; }

    /// <summary>One statement inserting every row, or null when there are none.</summary>
    public (string Sql, object[] Values)? InsertAll(IReadOnlyCollection<object?[]> rows)
    {
        if (rows.Count == 0) return null;
        var values = rows.SelectMany(row => row.Length == Columns.Count
            ? row
            : throw new ArgumentException($"a row of {QualifiedName} has {row.Length} values, not {Columns.Count}"));
        return (InsertPrefix + string.Join(", ", rows.Select(_ => RowPlaceholders)),
            [.. values.Select(v => v ?? DBNull.Value)]);
    }
}
