using System.Data.Common;
using Weasel.Core;
using Weasel.Postgresql;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;

namespace Complaints.Projections.Analytics;

/// <summary>
/// The read-only database role for analysts: it may read the analytics schema and nothing else (not the event
/// store, which holds personal data). Created with the schema; analysts' login roles are made members of it.
/// </summary>
public sealed class AnalystRole(string roleName) : ISchemaObject
{
    public const string DefaultName = "complaints_analyst";

    public string RoleName { get; } = roleName;

    public DbObjectName Identifier => new PostgresqlObjectName(AnalyticsSchema.Name, RoleName, SchemaUtils.IdentifierUsage.General);

    /// <remarks>
    /// Roles belong to the cluster: engines setting up their databases at the same moment all see the role missing,
    /// and every one but the first meets the duplicate, which means the role is there as wanted.
    /// </remarks>
    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine($"""
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RoleName}') THEN
                BEGIN
                  CREATE ROLE {RoleName} NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END;
              END IF;
            END
            $$;
            GRANT USAGE ON SCHEMA {AnalyticsSchema.Name} TO {RoleName};
            GRANT SELECT ON ALL TABLES IN SCHEMA {AnalyticsSchema.Name} TO {RoleName};
            ALTER DEFAULT PRIVILEGES IN SCHEMA {AnalyticsSchema.Name} GRANT SELECT ON TABLES TO {RoleName};
            """);
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer) =>
        writer.WriteLine($"REVOKE ALL ON ALL TABLES IN SCHEMA {AnalyticsSchema.Name} FROM {RoleName};");

    /// <summary>
    /// The role is in place when it exists and can read every table of the schema. The privilege functions
    /// fail on a missing role or schema, hence the CASE guarding them.
    /// </summary>
    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        builder.Append("select 1 from pg_roles r join pg_namespace n on n.nspname = ");
        builder.AppendParameter(AnalyticsSchema.Name);
        builder.Append(" where r.rolname = ");
        builder.AppendParameter(RoleName);
        builder.Append(" and case when r.rolname is null then false else has_schema_privilege(r.rolname, n.nspname, 'USAGE')"
                       + " and not exists (select 1 from pg_tables t where t.schemaname = n.nspname"
                       + " and not has_table_privilege(r.rolname, quote_ident(t.schemaname) || '.' || quote_ident(t.tablename), 'SELECT')) end;");
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default) =>
        new SchemaObjectDelta(this, await reader.ReadAsync(ct) ? SchemaPatchDifference.None : SchemaPatchDifference.Create);

    public IEnumerable<DbObjectName> AllNames()
    {
        yield return Identifier;
    }
}
