namespace Complaints.Host.Complaints;

/// <summary>What a command acts on: the complaint, and for plan steps the plan version.</summary>
public sealed record CommandTarget(Guid Complaint, int PlanVersion = 0);
