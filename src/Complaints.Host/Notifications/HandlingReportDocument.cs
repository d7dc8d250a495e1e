using System.Globalization;
using System.Net;
using System.Text;
using Complaints.Domain;
using Complaints.Projections.Reporting;

namespace Complaints.Host.Notifications;

/// <summary>
/// The handling report (002 A.13) as one self-contained HTML file for the customer: no scripts, no outside links or
/// images, the style inline, so it opens the same in any mail reader or browser, offline.
/// </summary>
public static class HandlingReportDocument
{
    private static readonly Dictionary<string, string[]> Words = new()
    {
        [People.Languages.English] = ["Complaint handling report", "Complaint", "Received", "Expectation", "Course",
            "Step", "When", "By", "Detail", "Verification", "Action plan", "Root cause", "Corrective actions",
            "Preventive actions", "Execution", "Summary"],
        [People.Languages.Chinese] = ["客诉处理报告", "投诉编号", "受理时间", "客户期望", "处理经过",
            "步骤", "时间", "处理人", "说明", "核实结果", "纠正和预防措施方案", "原因分析", "纠正措施",
            "预防措施", "措施执行", "报告摘要"]
    };

    public static string Html(HandlingReport report, string language)
    {
        var w = Words[language];
        string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{E(language)}\"><head><meta charset=\"utf-8\"><title>{E(w[0])} {E(report.Number)}</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}")
            .Append("td,th{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{E(w[0])}</h1><p>{E(w[1])}: <b>{E(report.Number)}</b><br>{E(w[2])}: {E($"{report.Intake?.ReceivedAt}")}<br>")
            .Append(CultureInfo.InvariantCulture, $"{E(w[3])}: {E(report.Intake?.CustomerExpectation)}</p>");
        if (report.HandlingReports.LastOrDefault() is { } draft) html.Append(CultureInfo.InvariantCulture, $"<h2>{E(w[15])}</h2><p>{E(draft.Summary)}</p>");
        foreach (var verification in report.Verifications) html.Append(CultureInfo.InvariantCulture, $"<h2>{E(w[9])}</h2><p>{E(verification.Findings)}</p>");
        foreach (var plan in report.Plans.Where(p => p.SubmittedToCustomerAt is not null))
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(w[10])} v{plan.PlanVersion}</h2><p><b>{E(w[11])}</b>: {E(plan.RootCause)}<br>")
                .Append(CultureInfo.InvariantCulture, $"<b>{E(w[12])}</b>: {E(plan.CorrectiveActions)}<br><b>{E(w[13])}</b>: {E(plan.PreventiveActions)}</p>");
        foreach (var execution in report.Executions) html.Append(CultureInfo.InvariantCulture, $"<h2>{E(w[14])}</h2><p>{E(execution.Summary)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(w[4])}</h2><table><tr><th>{E(w[5])}</th><th>{E(w[6])}</th><th>{E(w[7])}</th><th>{E(w[8])}</th></tr>");
        foreach (var step in report.Steps)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(step.Step)}</td><td>{E($"{step.At}")}</td><td>{E(step.By)}</td><td>{E(step.Detail)}</td></tr>");
        return html.Append("</table></body></html>").ToString();
    }
}
