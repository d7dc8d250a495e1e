using Complaints.Domain;
using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Projections;

/// <summary>
/// The complaint as <c>GET /api/complaints/{id}</c> shows it; kept inline so a read after a write is
/// current. Marten sets <see cref="Version"/> to the stream version.
/// </summary>
public sealed class ComplaintDetails
{
    /// <summary>The event header holding the event's link in the complaint's hash chain (docs/audit.md).</summary>
    public const string HashHeader = "hash";

    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Number { get; set; } = "";
    public ComplaintIntake? Intake { get; set; }
    public Instant RegisteredAt { get; set; }
    public ComplaintState State { get; set; } = ComplaintDecider.Initial;
    public string Status { get; set; } = "";
    public List<string> AllowedActions { get; set; } = [];
    public List<string> AcknowledgedBy { get; set; } = [];
    public int? CurrentPlanVersion { get; set; }
    public Instant? ClosedAt { get; set; }
    public int? SatisfactionScore { get; set; }
    public int TimesReopened { get; set; }
    public Instant? PersonalDataErasedAt { get; set; }
    public DeadlineBook Deadlines { get; set; } = DeadlineBook.Empty;

    /// <summary>The hash of the last event, which the next appended event chains onto.</summary>
    public string? HeadHash { get; set; }

    /// <summary>When the last event was recorded; the next is never stamped earlier.</summary>
    public Instant? LastEventAt { get; set; }
}
