namespace Complaints.Host.Security;

/// <summary>The roles a token's <c>roles</c> claim may carry (procedure §1, docs/security.md).</summary>
public static class Roles
{
    public const string Intake = "intake";
    public const string Department = "department";
    public const string CsLeadership = "cs-leadership";
    public const string GmOffice = "gm-office";
    public const string Auditor = "auditor";
    public const string Analyst = "analyst";
    public const string Admin = "admin";
    /// <summary>Integrating systems (call centre, workshop system) posting what happened.</summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All =
        [Intake, Department, CsLeadership, GmOffice, Auditor, Analyst, Admin, Service];

    /// <summary>Roles whose work needs the customer's name and contact; everyone else sees them masked.</summary>
    public static readonly IReadOnlyList<string> SeePersonalData = [Intake, Department, CsLeadership, GmOffice, Auditor, Service];
}
