using Complaints.Domain;
using Complaints.Domain.Workflow;
using Complaints.Host.Audit;
using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;

namespace Complaints.Host.Complaints.Writing;

/// <summary>
/// What a write needs from a complaint's past: the workflow's state and the head of its hash chain. Folded live from
/// the stream when a write reads it (docs/adr/0020), so it is never stored, needs no migration and can never disagree
/// with the events; the client view (<c>ComplaintDetails</c>) is free to change without touching it.
/// </summary>
public sealed class ComplaintWriteModel
{
    public Guid Id { get; set; }

    public WriteState State { get; set; } = WriteState.Initial;

    /// <summary>The hash of the last event, which the next appended event chains onto.</summary>
    public string HeadHash { get; set; } = EventSeal.Genesis;

    /// <summary>When the last event was recorded; the next is never stamped earlier.</summary>
    public Instant? LastEventAt { get; set; }
}

public sealed class ComplaintWriteModelProjection : SingleStreamProjection<ComplaintWriteModel, Guid>
{
    public override ComplaintWriteModel? Evolve(ComplaintWriteModel? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not IComplaintEvent @event) return snapshot;
        var model = snapshot ?? new ComplaintWriteModel { Id = id };
        model.State = ComplaintWorkflow.Evolve(model.State, @event);
        model.HeadHash = e.GetHeader(EventSeal.HashHeader)?.ToString() ?? model.HeadHash;
        model.LastEventAt = Instant.FromDateTimeOffset(e.Timestamp);
        return model;
    }
}
