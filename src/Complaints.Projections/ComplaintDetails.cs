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

    public StaffMember? Owner { get; set; }

    /// <summary>Who must sign that they read the registration, and who of them has not yet (procedure §8, D3).</summary>
    public List<string> DepartmentsToSign { get; set; } = [];
    public List<string> StillToSign { get; set; } = [];
    public List<NoteView> Notes { get; set; } = [];
    public List<AttachmentView> Attachments { get; set; } = [];
    public List<ReclassificationView> Reclassifications { get; set; } = [];
    public string? SettledAtFirstContact { get; set; }

    /// <summary>The earlier complaint this one repeats (procedure §10), as its registration recorded it.</summary>
    public RepeatOf? RepeatOf { get; set; }

    /// <summary>The hash of the last event, which the next appended event chains onto.</summary>
    public string? HeadHash { get; set; }

    /// <summary>When the last event was recorded; the next is never stamped earlier.</summary>
    public Instant? LastEventAt { get; set; }
}

public sealed record NoteView(long Version, string Text, string By, Instant At);

public sealed record AttachmentView(
    Guid AttachmentId, string FileName, string ContentType, long Size, string Sha256, string? Description, string By,
    Instant At);

public sealed record ReclassificationView(Classification From, Classification To, string Reason, string By, Instant At);
