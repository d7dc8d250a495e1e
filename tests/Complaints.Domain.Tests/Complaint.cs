using NodaTime;

namespace Complaints.Domain.Tests;

/// <summary>The one complaint every scenario is about, and the fixed moments it happens at.</summary>
internal static class Complaint
{
    public static readonly Guid Id = Guid.Parse("5f0c2a7e-8d41-4b3a-9c6e-2e7f1a9b3d10");
    public const string Number = "CMP-2026-0042";
    public const string ResponsibleDepartment = "After-Sales Service";
    public const string OtherDepartment = "Quality Office";

    public static readonly Instant ReceivedAt = Instant.FromUtc(2026, 11, 22, 1, 30);

    /// <summary>When past events happened.</summary>
    public static readonly Instant Earlier = Instant.FromUtc(2026, 11, 23, 8, 0);

    /// <summary>When the command under test is decided.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 9, 0);

    public static readonly ComplaintIntake IntakeByCustomerService = Intake(ReceiverKind.CustomerService);
    public static readonly ComplaintIntake IntakeByRegion = Intake(ReceiverKind.Regional);

    private static ComplaintIntake Intake(ReceiverKind receivedBy) => new(
        Severity.B,
        "repair-workmanship",
        ResponsibleDepartment,
        "East",
        Channel.Phone,
        "Brakes squeal again two days after the repair.",
        "Repair the brakes properly and refund the second visit.",
        new LocalDate(2026, 11, 30),
        new Customer("Li Wei", "+86 138 0000 0000", null),
        new Receiver("Zhang Min", receivedBy == ReceiverKind.CustomerService ? "Customer Service" : "Region East", receivedBy),
        ReceivedAt,
        OccurredAt: null,
        Location: "Hangzhou depot",
        AssetReference: "ZJ-A12345");
}
