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
        var values = names.Except(primaryKey).ToList();
        OnConflict = $" on conflict ({string.Join(", ", primaryKey)}) do update set "
                     + string.Join(", ", values.Select(n => $"{n} = excluded.{n}"));
        Upsert = InsertPrefix + RowPlaceholders + OnConflict;
        OnChange = OnConflict + $" where ({string.Join(", ", values.Select(n => $"{Name}.{n}"))}) is distinct from "
                              + $"({string.Join(", ", values.Select(n => $"excluded.{n}"))})";
        Key = [.. primaryKey.Select(k => (Array.FindIndex(columns, c => c.Name == k), columns.First(c => c.Name == k)))];
        if (Key.FirstOrDefault(k => !KeyTypes.Contains(k.Column.SqlType)) is { Column: { } unsupported })
            throw new NotSupportedException($"{QualifiedName}: a key column of type {unsupported.SqlType}");
        DeleteOthers = $"delete from {QualifiedName} t where t.complaint_id = any(?) and not exists (select 1 from " +
                       $"unnest({string.Join(", ", primaryKey.Select(_ => "?"))}) as k({string.Join(", ", primaryKey)}) " +
                       $"where {string.Join(" and ", primaryKey.Select(k => $"k.{k} = t.{k}"))})";
    }

    public string Name { get; }

    /// <summary>Adds an index on the columns or expressions given, for a query that must not scan the table.</summary>
    public AnalyticsTable WithIndex(params string[] columns)
    {
        Definition.Indexes.Add(new IndexDefinition(IndexName(columns, "")) { Columns = columns });
        return this;
    }

    /// <summary>
    /// Adds an index on <paramref name="column"/> that also carries the columns <paramref name="included"/> names, so a
    /// report over a period reads the index alone instead of the table's pages, which the projection's rewriting of
    /// every changed complaint's rows leaves sparse.
    /// </summary>
    public AnalyticsTable WithCoveringIndex(string column, params string[] included)
    {
        Definition.Indexes.Add(new IndexDefinition(IndexName([column], "_covering")) { Columns = [column], IncludeColumns = included });
        return this;
    }

    private string IndexName(string[] columns, string suffix) =>
        $"ix_{Name}_{string.Join("_", columns.Select(c => new string([.. c.Where(char.IsLetterOrDigit)])))}{suffix}";

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

    /// <summary>
    /// As <see cref="UpsertAll"/>, leaving a row whose values are already those given as it is: the projection writes
    /// every row of a changed complaint, and most are unchanged, so they cost neither a new row version nor the
    /// vacuuming of the old one (which left the tables several times their size; docs/benchmarks.md, (g)).
    /// </summary>
    public IEnumerable<(string Sql, object[] Values)> UpsertChangedAll(IReadOnlyCollection<object?[]> rows) => Statements(rows, OnChange);

    /// <summary>
    /// A statement deleting the rows of the complaints given whose keys are not among those of <paramref name="rows"/>
    /// (a deadline round or a work item that no longer exists), with its values: the complaints, then one array per key
    /// column. Its placeholders are positional, so it can be a data-modifying CTE of a larger statement.
    /// </summary>
    public (string Sql, object[] Values) DeleteOthersThan(Guid[] complaints, IReadOnlyCollection<object?[]> rows) =>
        (DeleteOthers, [complaints, .. Key.Select(k => KeyArray(k.Column, rows.Select(r => r[k.Index]!)))]);

    /// <summary>The types a key column may have: those <see cref="KeyArray"/> passes as a typed array.</summary>
    private static readonly string[] KeyTypes = ["uuid", "text", "integer"];

    private static Array KeyArray(AnalyticsColumn column, IEnumerable<object> values) => column.SqlType switch
    {
        "uuid" => values.Cast<Guid>().ToArray(),
        "text" => values.Cast<string>().ToArray(),
        _ => values.Select(Convert.ToInt32).ToArray()
    };

    private string OnChange { get; }

    private string DeleteOthers { get; }

    /// <summary>The key columns, each with its place in a row.</summary>
    private (int Index, AnalyticsColumn Column)[] Key { get; }

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
