using Complaints.Domain;
using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;

namespace Complaints.Projections;

/// <summary>
/// Folds the stream with the domain's own <see cref="ComplaintDecider.Evolve"/>, so the status and allowed
/// actions shown to clients are exactly what the decider will accept next. The customer is kept sealed
/// (<see cref="ReadModelSeal"/>): whoever shows it opens it.
/// </summary>
public sealed class ComplaintDetailsProjection(ReadModelSeal seal) : SingleStreamProjection<ComplaintDetails, Guid>
{
    public override ComplaintDetails? Evolve(ComplaintDetails? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not IComplaintEvent @event) return snapshot;
        var details = snapshot ?? new ComplaintDetails { Id = id };

        switch (@event)
        {
            case ComplaintReceived received:
                details.Number = received.Number;
                details.Intake = received.Intake;
                details.RegisteredAt = received.RegisteredAt;
                details.RepeatOf = received.RepeatOf;
                break;
            case ComplaintAcknowledged acknowledged:
                details.AcknowledgedBy.Add(acknowledged.Department);
                break;
            case CorrectiveActionProposed proposed:
                details.CurrentPlanVersion = proposed.PlanVersion;
                break;
            case ComplaintClosed closed:
                details.ClosedAt = closed.ClosedAt;
                break;
            case ComplaintRejectedAsInvalid invalid:
                details.ClosedAt = invalid.RejectedAt;
                break;
            case SatisfactionRecorded satisfaction:
                details.SatisfactionScore = satisfaction.Score;
                break;
            case PersonalDataErased erased when details.Intake is { } intake:
                details.Intake = intake with { Customer = Customer.Erased };
                details.PersonalDataErasedAt = erased.ErasedAt;
                details.Notes = [.. details.Notes.Select(n => n with { Text = Customer.ErasedValue })];
                details.Attachments = [.. details.Attachments.Select(a => a with
                {
                    FileName = Customer.ErasedValue, Description = a.Description is null ? null : Customer.ErasedValue
                })];
                break;
            case NoteAdded note:
                details.Notes.Add(new NoteView(e.Version, note.Text, note.By, note.AddedAt));
                break;
            case AttachmentAdded a:
                details.Attachments.Add(new AttachmentView(a.AttachmentId, a.FileName, a.ContentType, a.Size, a.Sha256,
                    a.Description, a.By, a.AddedAt));
                break;
            case ComplaintReclassified r when details.Intake is { } intake:
                details.Intake = intake with
                {
                    Severity = r.To.Severity,
                    Category = r.To.Category,
                    ResponsibleDepartment = r.To.ResponsibleDepartment
                };
                details.Reclassifications.Add(new ReclassificationView(r.From, r.To, r.Reason, r.By, r.ReclassifiedAt));
                break;
            case ComplaintSettledAtFirstContact settled:
                details.ClosedAt = settled.SettledAt;
                details.SettledAtFirstContact = settled.Resolution;
                break;
            case ComplaintReopened:
                details.ClosedAt = null;
                details.SatisfactionScore = null;
                details.SettledAtFirstContact = null;
                details.TimesReopened++;
                break;
        }

        // Sealed at registration, and a view stored before sealing existed at its next event (docs/adr/0040).
        if (details.Intake is { Customer: var customer } intakeNow && customer != Customer.Erased
            && !ReadModelSeal.IsSealed(customer.Name))
            details.Intake = intakeNow with { Customer = seal.Seal(id, customer) };

        details.HeadHash = e.GetHeader(ComplaintDetails.HashHeader)?.ToString();
        details.LastEventAt = Instant.FromDateTimeOffset(e.Timestamp);
        details.State = ComplaintDecider.Evolve(details.State, @event);
        details.Deadlines = details.Deadlines.Evolve(@event);
        details.Status = ComplaintDecider.StatusOf(details.State);
        details.AllowedActions = [.. ComplaintDecider.AllowedActions(details.State)];
        if (ComplaintDecider.FileOf(details.State) is { } file)
        {
            details.Owner = file.Owner;
            details.DepartmentsToSign = [.. file.DepartmentsToSign];
            details.StillToSign = [.. file.StillToSign];
        }
        return details;
    }
}
