using Complaints.Host.Reports;
using NodaTime;
using NodaTime.Text;

namespace Complaints.Host.WebConsole;

/// <summary>
/// The console's words: Simplified Chinese unless the browser's session asked for English (the language link sets a
/// cookie). Keys are the English text, so a missing translation shows English rather than nothing.
/// </summary>
public sealed class ConsoleText(IHttpContextAccessor http, AnalyticsDatabase reporting)
{
    private static readonly LocalDateTimePattern Minutes = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm");

    public const string LanguageCookie = "console-lang";
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static string Normalise(string? language) =>
        string.Equals(language, English, StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    public string Language => Normalise(http.HttpContext?.Request.Cookies[LanguageCookie]);

    public bool IsEnglish => Language == English;

    /// <summary>An instant as the staff read it: local time in the reporting zone, to the minute.</summary>
    public string Local(Instant? instant) =>
        instant is { } i ? Minutes.Format(i.InZone(reporting.Zone).LocalDateTime) : "";

    public string this[string english] => IsEnglish ? english : Zh.GetValueOrDefault(english, english);

    /// <summary>A status, action, deadline rule or event type by its wire name, or the name itself when unknown.</summary>
    public string Term(string wireName) =>
        IsEnglish ? En.GetValueOrDefault(wireName, wireName) : Zh.GetValueOrDefault(wireName, wireName);

    private static readonly Dictionary<string, string> En = new()
    {
        ["awaiting-forward"] = "Awaiting forward", ["awaiting-acknowledgement"] = "Awaiting acknowledgement",
        ["awaiting-verification"] = "Awaiting verification", ["awaiting-confirmation"] = "Awaiting confirmation",
        ["awaiting-action-plan"] = "Awaiting action plan", ["awaiting-plan-approval"] = "Awaiting plan approval",
        ["awaiting-customer-response"] = "Awaiting the customer's answer", ["awaiting-execution"] = "Awaiting execution",
        ["awaiting-execution-acceptance"] = "Awaiting acceptance of execution",
        ["awaiting-handling-report"] = "Awaiting handling report", ["awaiting-report-approval"] = "Awaiting report approval",
        ["ready-to-close"] = "Ready to close", ["closed"] = "Closed", ["closed-as-invalid"] = "Closed as invalid",
        ["register"] = "Register", ["forward"] = "Forward", ["acknowledge"] = "Acknowledge", ["verify"] = "Verify", ["confirm"] = "Confirm",
        ["propose-action-plan"] = "Propose action plan", ["review-action-plan"] = "Review action plan",
        ["respond-to-action-plan"] = "Record the customer's answer", ["report-execution"] = "Report execution",
        ["review-execution"] = "Accept or reject execution", ["compile-handling-report"] = "Compile handling report",
        ["review-handling-report"] = "Review handling report", ["close"] = "Close", ["record-satisfaction"] = "Record satisfaction",
        ["reopen"] = "Reopen", ["record-follow-up"] = "Record follow-up",
        ["reached"] = "Reached", ["unreachable"] = "Unreachable", ["declined"] = "Declined",
        ["D1"] = "D1 regional forward", ["D2"] = "D2 forward to customer service", ["D3"] = "D3 acknowledgement",
        ["D4"] = "D4 verification", ["D5"] = "D5 confirmation", ["D6"] = "D6 plan to customer", ["D7"] = "D7 first contact",
        ["D8"] = "D8 closure by requested date",
        ["cs-leadership"] = "customer-service leadership", ["gm-office"] = "GM office"
    };

    private static readonly Dictionary<string, string> Zh = new()
    {
        // Words of the pages
        ["Complaints console"] = "客诉管理台", ["Dashboard"] = "仪表板", ["Supervision report"] = "服务监督报告",
        ["Ledger"] = "台账", ["Worklist"] = "待办", ["Audit"] = "审计", ["Sign in"] = "登录", ["Sign out"] = "退出",
        ["Signed in as"] = "当前用户", ["Name"] = "姓名", ["Roles"] = "角色", ["Department"] = "部门",
        ["Development sign-in"] = "开发环境登录",
        ["Development only: pick the roles and the name the session acts as, as the token command does."] =
            "仅限开发环境：选择本次会话使用的角色和姓名（与 token 命令相同）。",
        ["Sign-in is not configured: set Console__Oidc__Authority (docs/console.md)."] =
            "尚未配置登录：请设置 Console__Oidc__Authority（见 docs/console.md）。",
        ["Not allowed"] = "无权访问", ["Your roles do not allow this page."] = "您的角色无权访问此页面。",
        ["From"] = "起", ["To"] = "止", ["Period"] = "周期", ["Week"] = "周", ["Month"] = "月", ["Severity"] = "等级",
        ["Category"] = "类别", ["Region"] = "区域", ["Status"] = "状态", ["Overdue"] = "逾期", ["Any"] = "全部",
        ["Yes"] = "是", ["No"] = "否", ["Show"] = "查询", ["Download CSV"] = "下载 CSV", ["Print"] = "打印",
        ["Received"] = "受理", ["Closed"] = "关闭", ["Open at end"] = "期末未结", ["On-time rate"] = "及时率",
        ["Median time to close"] = "关闭用时中位数", ["Escalations"] = "升级次数", ["Satisfaction"] = "满意度",
        ["Plan rejection rate"] = "方案拒绝率", ["Reopen rate"] = "重开率", ["First response (median)"] = "首次响应（中位数）",
        ["working minutes"] = "工作分钟", ["On-time rate per deadline"] = "各时限及时率",
        ["On-time rate per department"] = "各部门及时率", ["Received, closed and open per period"] = "各周期受理、关闭与未结",
        ["Time to close per period (working minutes)"] = "各周期关闭用时（工作分钟）", ["Escalations per period"] = "各周期升级次数",
        ["Satisfaction scores"] = "满意度分布", ["Deadline"] = "时限", ["On time"] = "按时", ["Resolved"] = "已判定",
        ["Rate"] = "比率", ["Count"] = "数量", ["Median"] = "中位数", ["Mean"] = "平均", ["Score"] = "分值",
        ["Complaints"] = "投诉数",
        ["After closing: trends"] = "结案后：趋势", ["Trends by"] = "趋势维度",
        ["Every complaint of the range, counted under its key now, as /api/trends counts it; the complaint filters above do not apply."] =
            "统计期内全部投诉，按其当前所属维度计数（与 /api/trends 相同）；上方的投诉筛选条件不适用。",
        ["Trend: received per period"] = "趋势：各周期受理数", ["Trend: on-time rate per period"] = "趋势：各周期及时率",
        ["Trend: repeat rate per period"] = "趋势：各周期重复投诉率",
        ["Trend: flagged for pause abuse per period"] = "趋势：各周期暂停异常投诉数（异常 / 结案）",
        ["Pauses awaiting the customer"] = "等待客户期间的暂停", ["Paused at"] = "暂停时间", ["Resumed at"] = "恢复时间",
        ["Paused (minutes)"] = "暂停（分钟）", ["Paused share"] = "暂停占比",
        ["Flagged for pause abuse"] = "暂停异常", ["Not flagged"] = "未标记", ["No pauses"] = "无暂停", ["Trend: follow-up scores per period"] = "趋势：各周期回访评分",
        ["Most frequent root causes"] = "最常见的根本原因", ["Share"] = "占比", ["Reached"] = "回访成功",
        ["Timeliness"] = "及时性", ["Attitude"] = "态度", ["Result"] = "结果",
        ["Outcome"] = "回访结果", ["The problem came back"] = "问题复发",
        ["Numbers count in working time, in the reporting zone"] = "用时按工作时间计算，日期按报表时区",
        ["Month (yyyy-MM)"] = "月份（yyyy-MM）", ["Overall"] = "总体", ["By department"] = "分部门",
        ["Missed a deadline falling due in the month"] = "本月到期未按时完成", ["Escalated in the month"] = "本月升级",
        ["Number"] = "编号", ["Received at"] = "受理时间", ["Current deadline"] = "当前时限", ["Due"] = "到期",
        ["Customer's date"] = "客户要求日期", ["Reopened"] = "重开次数", ["Escalation level"] = "升级级别",
        ["Missed"] = "未按时", ["Highest level"] = "最高级别", ["Overdue now"] = "当前逾期", ["None."] = "无。",
        ["Previous"] = "上一页", ["Next"] = "下一页",
        ["What waits for you and your department, soonest due first."] = "等待您和您部门处理的投诉，最早到期的在前。",
        ["Register a complaint"] = "登记投诉", ["Nothing waits for you."] = "暂无待办。",
        ["Waiting for you"] = "待我处理", ["Waiting for your department"] = "待本部门处理", ["Waiting for your role"] = "待本岗位处理", ["Step"] = "环节",
        ["Owner"] = "负责人", ["The {0} due soonest of {1}."] = "共 {1} 项，此处为最早到期的 {0} 项。",
        ["Complaint"] = "投诉", ["Version"] = "版本", ["Intake"] = "受理信息", ["Customer"] = "客户",
        ["Phone"] = "电话", ["Email"] = "邮箱", ["Description"] = "描述", ["Customer's expectation"] = "客户期望",
        ["Requested resolution date"] = "要求解决日期", ["Channel"] = "渠道", ["Received by"] = "受理人",
        ["Receiver kind"] = "受理人类型", ["Occurred at"] = "发生时间", ["Location"] = "地点", ["Asset"] = "资产",
        ["Allowed actions"] = "可执行操作", ["Deadlines"] = "时限", ["Rule"] = "规则", ["Round"] = "轮次",
        ["Started"] = "开始", ["Met"] = "完成", ["State"] = "状态", ["Taken"] = "用时", ["late"] = "超时",
        ["met"] = "按时完成", ["missed"] = "已超时", ["pending"] = "进行中", ["paused"] = "暂停", ["withdrawn"] = "撤销",
        ["History"] = "处理记录", ["When"] = "时间", ["Who"] = "操作人", ["What"] = "事件", ["Correlation"] = "关联号",
        ["Details"] = "详情", ["Handling report"] = "处理报告", ["The report is still being built."] = "报告正在生成。",
        ["Steps"] = "步骤", ["Integrity"] = "完整性", ["Chain intact"] = "链完整", ["Chain broken"] = "链已损坏",
        ["events"] = "个事件", ["Head hash"] = "末端哈希", ["First altered version"] = "首个被改版本",
        ["Done"] = "已完成", ["Refused"] = "已拒绝", ["Submit"] = "提交", ["Your actions"] = "您可执行的操作",
        ["No action of yours is allowed now."] = "当前没有您可执行的操作。",
        ["Valid"] = "属实", ["Findings"] = "核实结果", ["Responsible parties (comma-separated)"] = "责任方（逗号分隔）",
        ["Root cause"] = "根本原因", ["Corrective actions"] = "纠正措施", ["Preventive actions"] = "预防措施",
        ["Approver"] = "审批方", ["Approved"] = "批准", ["Comment"] = "意见", ["Accepted"] = "接受",
        ["Summary"] = "摘要", ["Sent to"] = "发送至", ["Reason"] = "原因", ["Forward to"] = "转交给",
        ["Register"] = "登记", ["Customer's name"] = "客户姓名", ["Receiver's name"] = "受理人姓名",
        ["Receiver's department"] = "受理人部门", ["Responsible department"] = "责任部门",
        ["Verify one complaint"] = "核验单个投诉", ["Verify a period"] = "核验时间段", ["Complaint id"] = "投诉 ID",
        ["Verify"] = "核验", ["Download NDJSON export"] = "下载 NDJSON 导出", ["All intact"] = "全部完整",
        ["broken"] = "条损坏", ["checked"] = "条已核验",
        ["Complaints registered from the first day to the last, in the reporting zone."] = "按报表时区，从起始日至截止日登记的投诉。",
        ["The complaint has changed since you opened it; reload the page and try again."] = "打开页面后投诉已被他人修改，请刷新后重试。",
        ["The complaint was not found."] = "未找到该投诉。",
        ["Charts need JavaScript; the numbers are in the tables."] = "图表需要 JavaScript；数字见表格。",
        // The API's refusal titles (ProblemMapping)
        ["Command not allowed in the current state"] = "当前状态不允许此操作", ["Invalid command"] = "输入有误",
        ["Role not allowed"] = "角色无权执行", ["Complaint not found"] = "未找到投诉",
        ["Idempotency-Key reused with a different request"] = "同一表单提交了不同内容", ["Concurrent changes"] = "并发修改冲突",
        // Statuses
        ["awaiting-forward"] = "待转交", ["awaiting-acknowledgement"] = "待签收", ["awaiting-verification"] = "待核实",
        ["awaiting-confirmation"] = "待确认", ["awaiting-action-plan"] = "待制定方案", ["awaiting-plan-approval"] = "待审批方案",
        ["awaiting-customer-response"] = "待客户答复", ["awaiting-execution"] = "待执行",
        ["awaiting-execution-acceptance"] = "待验收", ["awaiting-handling-report"] = "待编写处理报告",
        ["awaiting-report-approval"] = "待审批报告", ["ready-to-close"] = "待关闭", ["closed"] = "已关闭",
        ["closed-as-invalid"] = "不属实关闭",
        // Actions
        ["register"] = "登记", ["forward"] = "转交", ["acknowledge"] = "签收", ["verify"] = "核实", ["confirm"] = "确认",
        ["propose-action-plan"] = "提交整改方案", ["review-action-plan"] = "审批整改方案",
        ["respond-to-action-plan"] = "记录客户答复", ["report-execution"] = "报告执行情况", ["review-execution"] = "验收执行",
        ["compile-handling-report"] = "编写处理报告", ["review-handling-report"] = "审批处理报告", ["close"] = "关闭",
        ["record-satisfaction"] = "记录满意度", ["reopen"] = "重开", ["record-follow-up"] = "记录回访",
        ["reached"] = "已联系上", ["unreachable"] = "未联系上", ["declined"] = "客户拒绝回访",
        // Deadline rules
        ["D1"] = "D1 区域转交", ["D2"] = "D2 转交客服", ["D3"] = "D3 签收", ["D4"] = "D4 核实", ["D5"] = "D5 确认",
        ["D6"] = "D6 方案告知客户", ["D7"] = "D7 首次联系客户", ["D8"] = "D8 按期关闭",
        // Roles
        ["intake"] = "受理", ["department"] = "责任部门", ["cs-leadership"] = "客服领导", ["gm-office"] = "总经理办公室",
        ["auditor"] = "审计", ["analyst"] = "分析", ["admin"] = "管理员", ["service"] = "系统集成",
        // Events
        ["ComplaintReceived"] = "受理登记", ["ComplaintForwarded"] = "转交", ["ComplaintAcknowledged"] = "签收",
        ["ComplaintVerified"] = "核实属实", ["ComplaintRejectedAsInvalid"] = "核实不属实", ["ComplaintConfirmed"] = "确认",
        ["CorrectiveActionProposed"] = "提交整改方案", ["ActionPlanApproved"] = "方案获批", ["ActionPlanRejected"] = "方案被驳回",
        ["ActionPlanSubmittedToCustomer"] = "方案告知客户", ["CustomerAccepted"] = "客户接受", ["CustomerRejected"] = "客户拒绝",
        ["CorrectiveActionsExecuted"] = "执行完成", ["ExecutionAccepted"] = "验收通过", ["ExecutionRejected"] = "验收不通过",
        ["HandlingReportCompiled"] = "编写处理报告", ["HandlingReportApproved"] = "报告获批", ["HandlingReportRejected"] = "报告被驳回",
        ["ComplaintClosed"] = "关闭", ["SatisfactionRecorded"] = "记录满意度", ["ComplaintReopened"] = "重开",
        ["FollowUpRecorded"] = "回访记录",
        ["PersonalDataErased"] = "个人信息已删除", ["DeadlineSet"] = "设定时限", ["DeadlineMet"] = "时限按时完成",
        ["DeadlineWarned"] = "时限预警", ["DeadlineMissed"] = "时限超时", ["Escalated"] = "升级", ["DeadlineClockPaused"] = "时限暂停",
        ["DeadlineClockResumed"] = "时限恢复", ["DeadlineWithdrawn"] = "时限撤销"
    };
}
