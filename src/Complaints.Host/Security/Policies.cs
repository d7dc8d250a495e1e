namespace Complaints.Host.Security;

/// <summary>
/// One named policy per kind of work; each endpoint names its policy. docs/security.md shows the same matrix
/// and a test holds the two together.
/// </summary>
public static class Policies
{
    public const string Register = "register";
    public const string Forward = "forward";
    public const string HandleInDepartment = "handle-in-department";
    public const string Confirm = "confirm";
    public const string ReviewPlan = "review-plan";
    public const string RecordCustomerAnswer = "record-customer-answer";
    public const string AcceptExecution = "accept-execution";
    public const string WriteHandlingReport = "write-handling-report";
    public const string ReviewHandlingReport = "review-handling-report";
    public const string Close = "close";
    public const string Reopen = "reopen";
    public const string ReadComplaint = "read-complaint";
    public const string ReadHistory = "read-history";
    public const string ReadHandlingReport = "read-handling-report";
    public const string ReadReports = "read-reports";
    public const string Audit = "audit";
    public const string ReadReportFailures = "read-report-failures";
    public const string IngestEvents = "ingest-events";
    public const string ErasePersonalData = "erase-personal-data";
    public const string WorkOnComplaint = "work-on-complaint";
    public const string Reclassify = "reclassify";
    public const string SettleAtFirstContact = "settle-at-first-contact";
    public const string ReadWork = "read-work";
    public const string ReadLedger = "read-ledger";
    public const string ReachCustomer = "reach-customer";
    public const string ReadDirectory = "read-directory";
    public const string EditDirectory = "edit-directory";
    public const string ReadRules = "read-rules";
    public const string ReplayClocks = "replay-clocks";
    public const string TryPolicy = "try-policy";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RolesFor =
        new Dictionary<string, IReadOnlyList<string>>
        {
            [Register] = [Roles.Intake, Roles.Department, Roles.Service],
            [Forward] = [Roles.Intake, Roles.Department, Roles.Service],
            [HandleInDepartment] = [Roles.Department, Roles.Service],
            [Confirm] = [Roles.GmOffice],
            [ReviewPlan] = [Roles.CsLeadership, Roles.GmOffice],
            [RecordCustomerAnswer] = [Roles.Intake, Roles.Service],
            [AcceptExecution] = [Roles.CsLeadership],
            [WriteHandlingReport] = [Roles.Intake],
            [ReviewHandlingReport] = [Roles.CsLeadership, Roles.GmOffice],
            [Close] = [Roles.Intake],
            [Reopen] = [Roles.Intake, Roles.CsLeadership],
            [ReadComplaint] = [Roles.Intake, Roles.Department, Roles.CsLeadership, Roles.GmOffice, Roles.Auditor, Roles.Service],
            [ReadHistory] = [Roles.Intake, Roles.Department, Roles.CsLeadership, Roles.GmOffice, Roles.Auditor],
            [ReadHandlingReport] = [Roles.Intake, Roles.Department, Roles.CsLeadership, Roles.GmOffice, Roles.Auditor, Roles.Analyst],
            [ReadReports] = [Roles.CsLeadership, Roles.GmOffice, Roles.Auditor, Roles.Analyst],
            [Audit] = [Roles.Auditor, Roles.Admin],
            [ReadReportFailures] = [Roles.Auditor, Roles.Admin],
            [IngestEvents] = [Roles.Service],
            [ErasePersonalData] = [Roles.Admin],
            // Staff work (procedure §9): the people who carry out the procedure see and shape what waits for them.
            [WorkOnComplaint] = [Roles.Intake, Roles.Department, Roles.CsLeadership, Roles.GmOffice, Roles.Service],
            [Reclassify] = [Roles.Intake, Roles.CsLeadership, Roles.GmOffice],
            [SettleAtFirstContact] = [Roles.Intake, Roles.Service],
            [ReadWork] = [Roles.Intake, Roles.Department, Roles.CsLeadership, Roles.GmOffice, Roles.Service],
            [ReadLedger] = [Roles.Intake, Roles.Department, Roles.CsLeadership, Roles.GmOffice, Roles.Auditor, Roles.Analyst],
            [ReachCustomer] = [Roles.Intake, Roles.Department, Roles.Service],
            [ReadDirectory] = [Roles.Intake, Roles.Department, Roles.CsLeadership, Roles.GmOffice, Roles.Auditor, Roles.Admin],
            [EditDirectory] = [Roles.Admin],
            // Rules over time (docs/rules-over-time.md): the rules, the clocks they give and a candidate's effect
            // hold no personal data; those who answer for timeliness, and who check it, read them.
            [ReadRules] = [Roles.CsLeadership, Roles.GmOffice, Roles.Auditor, Roles.Analyst, Roles.Admin],
            [ReplayClocks] = [Roles.CsLeadership, Roles.Auditor, Roles.Analyst],
            [TryPolicy] = [Roles.CsLeadership, Roles.Auditor, Roles.Analyst]
        };
}
