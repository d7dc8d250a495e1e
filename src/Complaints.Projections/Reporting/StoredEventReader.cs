using System.Data.Common;
using Marten;

namespace Complaints.Projections.Reporting;

/// <summary>
/// Reads a stored event's data by the type name it was stored under, as the daemon does, so that the event the daemon
/// would skip (a type this engine does not know, data that no longer deserialises) throws here and can be named.
/// </summary>
public sealed class StoredEventReader(IReadOnlyStoreOptions options)
{
    private readonly IReadOnlyDictionary<string, Type> types = options.Events.AllKnownEventTypes()
        .ToDictionary(t => t.EventTypeName, t => t.EventType);

    private readonly ISerializer serializer = options.Serializer();

    public object Read(string alias, DbDataReader reader, int column) => serializer.FromJson(TypeOf(alias), reader, column);

    public object Read(string alias, Stream json) => serializer.FromJson(TypeOf(alias), json);

    private Type TypeOf(string alias) =>
        types.GetValueOrDefault(alias) ?? throw new InvalidOperationException($"unknown event type '{alias}'");
}
