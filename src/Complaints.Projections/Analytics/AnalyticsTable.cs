using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Complaints.Projections.Analytics;

/// <summary>
/// A column of an analytics table: its SQL type and whether it may be empty. A column added after the table first
/// shipped has a <see cref="Default"/>, so an existing table gains it without a rebuild (the projection fills it).
/// </summary>
public sealed record AnalyticsColumn(string Name, string SqlType, bool Nullable = false, string? Default = null);

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
            if (column.Default is { } value) expression.DefaultValueByExpression(value);
        }
        var names = Columns.Select(c => c.Name).ToList();
        InsertPrefix = $"insert into {QualifiedName} ({string.Join(", ", names)}) values ";
        RowPlaceholders = $"({string.Join(", ", names.Select(_ => "?"))})";
        OnConflict = $" on conflict ({string.Join(", ", primaryKey)}) do update set "
                     + string.Join(", ", names.Except(primaryKey).Select(n => $"{n} = excluded.{n}"));
        Upsert = InsertPrefix + RowPlaceholders + OnConflict;
    }

    public string Name { get; }

    /// <summary>Adds an index on the columns or expressions given, for a query that must not scan the table.</summary>
    public AnalyticsTable WithIndex(params string[] columns)
    {
        var name = $"ix_{Name}_{string.Join("_", columns.Select(c => new string([.. c.Where(char.IsLetterOrDigit)])))}";
        Definition.Indexes.Add(new IndexDefinition(name) { Columns = columns });
        return this;
    }

    public string QualifiedName => $"{AnalyticsSchema.Name}.{Name}";

    public IReadOnlyList<AnalyticsColumn> Columns { get; }

    public Table Definition { get; }

    /// <summary>Inserts one row, or replaces the row with the same key.</summary>
    public string Upsert { get; }

    private string InsertPrefix { get; }

    private string RowPlaceholders { get; }

    /// <summary>Statements inserting every row, as few as PostgreSQL's limit of parameters per statement allows.</summary>
    public IEnumerable<(string Sql, object[] Values)> InsertAll(IReadOnlyCollection<object?[]> rows) => Statements(rows, "");

    /// <summary>As <see cref="InsertAll"/>, replacing rows with the same key (each key at most once in <paramref name="rows"/>).</summary>
    public IEnumerable<(string Sql, object[] Values)> UpsertAll(IReadOnlyCollection<object?[]> rows) => Statements(rows, OnConflict);

    /// <summary>PostgreSQL takes at most 65,535 parameters in one statement; stay well below.</summary>
    private const int MaxParameters = 30_000;

    private string OnConflict { get; }

    private IEnumerable<(string Sql, object[] Values)> Statements(IReadOnlyCollection<object?[]> rows, string suffix)
    {
        foreach (var row in rows)
            if (row.Length != Columns.Count)
                throw new ArgumentException($"a row of {QualifiedName} has {row.Length} values, not {Columns.Count}");
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / Columns.Count)))
            yield return (InsertPrefix + string.Join(", ", chunk.Select(_ => RowPlaceholders)) + suffix,
                [.. chunk.SelectMany(row => row).Select(v => v ?? DBNull.Value)]);
    }
}
