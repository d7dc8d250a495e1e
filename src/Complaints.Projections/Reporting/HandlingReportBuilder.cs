using Complaints.Domain;
using Complaints.Domain.Calendars;
using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Projections.Reporting;

/// <summary>An event of a complaint's stream with where it stands in the stream and in the store.</summary>
public sealed record StreamEvent(long Version, long Sequence, IComplaintEvent Data);

/// <summary>
/// Where a report finds the calendars it counts working minutes on: the version a <see cref="DeadlineSet"/> names (from
/// the rules store, docs/rules-over-time.md), or null when the store does not hold it; and the region's calendar of
/// the files, for a complaint with no clock or a version recorded before the store kept them.
/// </summary>
public sealed record CalendarSource(Func<string, BusinessCalendar?> ByVersion, Func<string, BusinessCalendar> ForRegion);

/// <summary>
/// Builds a <see cref="HandlingReport"/> from a complaint's stream, in order. Working minutes are counted on the
/// calendar versions the complaint's deadlines recorded, never on today's files, so a calendar edit changes no report
/// until a repair says so: a deadline on its own version, the complaint's spans on the version of its first deadline.
/// </summary>
public sealed class HandlingReportBuilder(CalendarSource calendars)
{
    public HandlingReport Build(Guid complaintId, IEnumerable<StreamEvent> stream)
    {
        var run = new Run(new HandlingReport { Id = complaintId }, calendars);
        foreach (var @event in stream) run.Apply(@event);
        return run.Report;
    }

    private sealed class Run(HandlingReport report, CalendarSource calendars)
    {
        private ComplaintState state = ComplaintDecider.Initial;
        private BusinessCalendar? calendar;
        private bool calendarRecorded;
        private readonly Dictionary<(string Rule, int Round), BusinessCalendar> deadlineCalendars = [];
        private Instant openedAt;
        private int? awaitedPlan;

        public HandlingReport Report => report;

        private BusinessCalendar Calendar => calendar
            ?? throw new InvalidOperationException($"complaint {report.Id} has events before ComplaintReceived");

        public void Apply(StreamEvent e)
        {
            report.Version = e.Version;
            report.LastSequence = e.Sequence;
            switch (e.Data)
            {
                case ComplaintReceived received:
                    calendar = calendars.ForRegion(received.Intake.Region);
                    report.Number = received.Number;
                    report.Intake = received.Intake;
                    report.RegisteredAt = received.RegisteredAt;
                    report.RepeatOf = received.RepeatOf;
                    report.Calendar = Calendar.Version;
                    openedAt = received.Intake.ReceivedAt;
                    Step(e, "received", received.RegisteredAt, received.Intake.ReceivedBy.Name,
                        $"received by {received.Intake.ReceivedBy.Name} ({received.Intake.ReceivedBy.Department})");
                    if (received.Intake.Owner is { } owner)
                        report.Assignments.Add(new(owner, received.Intake.ReceivedBy.Name, received.RegisteredAt));
                    break;
                case ComplaintAssigned assigned:
                    report.Assignments.Add(new(assigned.Owner, assigned.By, assigned.AssignedAt));
                    Step(e, "assigned", assigned.AssignedAt, assigned.By, $"to {assigned.Owner.Name}");
                    break;
                case ComplaintReclassified reclassified when report.Intake is { } intake:
                    report.Intake = intake with
                    {
                        Severity = reclassified.To.Severity,
                        Category = reclassified.To.Category,
                        ResponsibleDepartment = reclassified.To.ResponsibleDepartment
                    };
                    report.Reclassifications.Add(new(reclassified.From, reclassified.To, reclassified.Reason,
                        reclassified.By, reclassified.ReclassifiedAt));
                    Step(e, "reclassified", reclassified.ReclassifiedAt, reclassified.By,
                        $"{Describe(reclassified.From)} → {Describe(reclassified.To)}: {reclassified.Reason}");
                    break;
                case NoteAdded note:
                    report.Notes.Add(new(note.Text, note.By, note.AddedAt));
                    Step(e, "note-added", note.AddedAt, note.By, note.Text);
                    break;
                case AttachmentAdded a:
                    report.Attachments.Add(new(a.AttachmentId, a.FileName, a.ContentType, a.Size, a.Sha256, a.Description,
                        a.By, a.AddedAt));
                    Step(e, "attachment-added", a.AddedAt, a.By, AttachmentStep(a.FileName, a.ContentType, a.Size, a.Sha256));
                    break;
                case ComplaintSettledAtFirstContact settled:
                    Close(settled.SettledAt, asInvalid: false, sentTo: null, settled.By, settledAtFirstContact: true);
                    Step(e, "settled-at-first-contact", settled.SettledAt, settled.By, settled.Resolution);
                    FirstResponse(settled.SettledAt);
                    break;
                case ComplaintForwarded forwarded:
                    Step(e, "forwarded", forwarded.ForwardedAt, forwarded.By, $"to {forwarded.To}");
                    break;
                case ComplaintAcknowledged acknowledged:
                    Step(e, "acknowledged", acknowledged.AcknowledgedAt, acknowledged.By, acknowledged.Department);
                    break;
                case ComplaintVerified verified:
                    report.Verifications.Add(new(true, verified.Findings, verified.ResponsibleParties, verified.By,
                        verified.VerifiedAt, verified.RootCauseCategory));
                    Step(e, "verified", verified.VerifiedAt, verified.By, verified.Findings);
                    break;
                case ComplaintRejectedAsInvalid invalid:
                    report.Verifications.Add(new(false, invalid.Findings, invalid.ResponsibleParties, invalid.By,
                        invalid.RejectedAt, invalid.RootCauseCategory));
                    Close(invalid.RejectedAt, asInvalid: true, sentTo: null, invalid.By);
                    Step(e, "rejected-as-invalid", invalid.RejectedAt, invalid.By, invalid.Findings);
                    FirstResponse(invalid.RejectedAt);
                    break;
                case ComplaintConfirmed confirmed:
                    Step(e, "confirmed", confirmed.ConfirmedAt, confirmed.By, null);
                    break;
                case CorrectiveActionProposed proposed:
                    report.Plans.Add(new(proposed.PlanVersion, proposed.RootCause, proposed.CorrectiveActions,
                        proposed.PreventiveActions, proposed.By, proposed.ProposedAt, [], null, null, proposed.RootCauseCategory));
                    Step(e, "action-plan-proposed", proposed.ProposedAt, proposed.By, $"plan v{proposed.PlanVersion}");
                    break;
                case ActionPlanApproved approved:
                    Approve(approved.PlanVersion, new(approved.Approver, true, approved.Comment, approved.By, approved.ApprovedAt));
                    Step(e, "action-plan-approved", approved.ApprovedAt, approved.By,
                        $"plan v{approved.PlanVersion} by {WireNames.Of(approved.Approver)}");
                    break;
                case ActionPlanRejected rejected:
                    Approve(rejected.PlanVersion, new(rejected.Approver, false, rejected.Comment, rejected.By, rejected.RejectedAt));
                    Step(e, "action-plan-rejected", rejected.RejectedAt, rejected.By,
                        $"plan v{rejected.PlanVersion} by {WireNames.Of(rejected.Approver)}: {rejected.Comment}");
                    break;
                case ActionPlanSubmittedToCustomer submitted:
                    UpdatePlan(submitted.PlanVersion, p => p with { SubmittedToCustomerAt = submitted.SubmittedAt });
                    awaitedPlan = submitted.PlanVersion;
                    Step(e, "action-plan-submitted-to-customer", submitted.SubmittedAt, "customer-service",
                        $"plan v{submitted.PlanVersion}");
                    FirstResponse(submitted.SubmittedAt);
                    break;
                case CustomerAccepted accepted:
                    UpdatePlan(accepted.PlanVersion, p => p with { CustomerResponse = new(true, accepted.Comment, accepted.AcceptedAt) });
                    Step(e, "customer-accepted", accepted.AcceptedAt, "customer", $"plan v{accepted.PlanVersion}");
                    break;
                case CustomerRejected rejected:
                    UpdatePlan(rejected.PlanVersion, p => p with { CustomerResponse = new(false, rejected.Comment, rejected.RejectedAt) });
                    Step(e, "customer-rejected", rejected.RejectedAt, "customer",
                        $"plan v{rejected.PlanVersion}: {rejected.Comment}");
                    break;
                case CorrectiveActionsExecuted executed:
                    report.Executions.Add(new(executed.PlanVersion, executed.Summary, executed.By, executed.ExecutedAt, null));
                    Step(e, "actions-executed", executed.ExecutedAt, executed.By, executed.Summary);
                    break;
                case ExecutionAccepted accepted:
                    Accept(new(Approver.CsLeadership, true, accepted.Comment, accepted.By, accepted.AcceptedAt));
                    Step(e, "execution-accepted", accepted.AcceptedAt, accepted.By, accepted.Comment);
                    break;
                case ExecutionRejected rejected:
                    Accept(new(Approver.CsLeadership, false, rejected.Comment, rejected.By, rejected.RejectedAt));
                    Step(e, "execution-rejected", rejected.RejectedAt, rejected.By, rejected.Comment);
                    break;
                case HandlingReportCompiled compiled:
                    report.HandlingReports.Add(new(compiled.Summary, compiled.By, compiled.CompiledAt, []));
                    Step(e, "handling-report-compiled", compiled.CompiledAt, compiled.By, compiled.Summary);
                    break;
                case HandlingReportApproved approved:
                    ApproveDraft(new(approved.Approver, true, approved.Comment, approved.By, approved.ApprovedAt));
                    Step(e, "handling-report-approved", approved.ApprovedAt, approved.By, WireNames.Of(approved.Approver));
                    break;
                case HandlingReportRejected rejected:
                    ApproveDraft(new(rejected.Approver, false, rejected.Comment, rejected.By, rejected.RejectedAt));
                    Step(e, "handling-report-rejected", rejected.RejectedAt, rejected.By,
                        $"{WireNames.Of(rejected.Approver)}: {rejected.Comment}");
                    break;
                case PersonalDataErased when report.Intake is { } intake:
                    Erase(intake);
                    break;
                case ComplaintClosed closed:
                    Close(closed.ClosedAt, asInvalid: false, closed.SentTo, closed.By);
                    Step(e, "closed", closed.ClosedAt, closed.By, $"report sent to {closed.SentTo}");
                    FirstResponse(closed.ClosedAt);
                    break;
                case SatisfactionRecorded satisfaction:
                    report.Satisfaction.Add(new(satisfaction.Score, satisfaction.Comment, satisfaction.RecordedAt));
                    Step(e, "satisfaction-recorded", satisfaction.RecordedAt, "customer", $"score {satisfaction.Score}");
                    break;
                case FollowUpRecorded followUp:
                    report.FollowUps.Add(new(report.Closures.Count, followUp.Outcome, followUp.Scores, followUp.Recurred,
                        followUp.Comment, followUp.By, followUp.RecordedAt));
                    if (followUp.Recurred && report.Closures.Count > 0)
                        report.Closures[^1] = report.Closures[^1] with { Recurred = true };
                    Step(e, "follow-up-recorded", followUp.RecordedAt, followUp.By,
                        $"{WireNames.Of(followUp.Outcome)}{(followUp.Recurred ? ", problem recurred" : "")}");
                    break;
                case ComplaintReopened reopened:
                    report.Reopenings.Add(new(reopened.Reason, reopened.By, reopened.ReopenedAt));
                    if (report.Closures.Count > 0)
                        report.Closures[^1] = report.Closures[^1] with { ReopenedAt = reopened.ReopenedAt };
                    openedAt = reopened.ReopenedAt;
                    Step(e, "reopened", reopened.ReopenedAt, reopened.By, reopened.Reason);
                    break;
                case DeadlineSet set:
                    var counted = calendars.ByVersion(set.CalendarVersion) ?? Calendar;
                    deadlineCalendars[(set.Rule, set.Round)] = counted;
                    if (!calendarRecorded)
                    {
                        (calendar, calendarRecorded) = (counted, true);
                        report.Calendar = counted.Version;
                    }
                    report.Deadlines.Add(new(set.Rule, set.Round, set.Measure, set.StartedAt, set.DueAt, null, false, false,
                        null, Duration.Zero, null, null, 0, set.CalendarVersion, set.PolicyVersion, CountedUnder(),
                        FollowUp: state is ComplaintState.Closed));
                    break;
                case DeadlineMet met:
                    MeetDeadline(met);
                    break;
                case DeadlineMissed missed:
                    UpdateDeadline(missed.Rule, missed.Round, d => d with { Missed = true, CountedUnder = CountedUnder() });
                    break;
                case Escalated escalated:
                    report.Escalations.Add(new(escalated.Rule, escalated.Round, escalated.Level, escalated.To,
                        escalated.Department, escalated.Reason, escalated.EscalatedAt));
                    report.EscalationLevel = Math.Max(report.EscalationLevel, escalated.Level);
                    if (escalated.Rule is { } rule)
                        UpdateDeadline(rule, escalated.Round, d => d with { EscalationLevel = escalated.Level });
                    break;
                case DeadlineClockPaused paused:
                    var pausedUnder = CountedUnder();
                    report.Pauses.Add(new(paused.Rule, paused.Round, paused.PausedAt, null, awaitedPlan, pausedUnder.Department,
                        pausedUnder.Owner));
                    break;
                case DeadlineClockResumed resumed:
                    var pause = report.Pauses.FindLastIndex(p => p.Rule == resumed.Rule && p.Round == resumed.Round);
                    if (pause >= 0 && report.Pauses[pause].ResumedAt is null)
                        report.Pauses[pause] = report.Pauses[pause] with { ResumedAt = resumed.ResumedAt };
                    UpdateDeadline(resumed.Rule, resumed.Round, d => d with
                    {
                        DueAt = resumed.DueAt,
                        Paused = d.Paused + resumed.PausedFor
                    });
                    break;
                case DeadlineWithdrawn withdrawn:
                    UpdateDeadline(withdrawn.Rule, withdrawn.Round, d => d with { WithdrawnAt = withdrawn.WithdrawnAt });
                    break;
                case DeadlineRecomputed recomputed:
                    UpdateDeadline(recomputed.Rule, recomputed.Round, d => d with
                    {
                        RepairedDueAt = recomputed.DueAt,
                        RepairedLate = recomputed.Late,
                        RepairedCalendarVersion = recomputed.CalendarVersion
                    });
                    break;
            }
            state = ComplaintDecider.Evolve(state, e.Data);
            report.Status = ComplaintDecider.StatusOf(state);
            if (ComplaintDecider.FileOf(state) is { } file)
            {
                report.Owner = file.Owner;
                report.DepartmentsToSign = [.. file.DepartmentsToSign];
                report.StillToSign = [.. file.StillToSign];
            }
        }

        /// <summary>
        /// The customer, where the reports went, and the text of the notes and evidence so far (docs/adr/0040); the
        /// attachments' steps keep what identifies the file (type, size, SHA-256).
        /// </summary>
        private void Erase(ComplaintIntake intake)
        {
            const string erased = Customer.ErasedValue;
            report.Intake = intake with { Customer = Customer.Erased };
            report.Closures = [.. report.Closures.Select(c => c with { SentTo = erased })];
            report.Notes = [.. report.Notes.Select(n => n with { Text = erased })];
            report.Attachments = [.. report.Attachments.Select(a => a with
            {
                FileName = erased, Description = a.Description is null ? null : erased
            })];
            var attachments = new Queue<ReportAttachment>(report.Attachments);
            report.Steps = [.. report.Steps.Select(s => s.Step switch
            {
                "closed" => s with { Detail = $"report sent to {erased}" },
                "note-added" => s with { Detail = erased },
                "attachment-added" when attachments.TryDequeue(out var a) =>
                    s with { Detail = AttachmentStep(erased, a.ContentType, a.Size, a.Sha256) },
                _ => s
            })];
        }

        private static string AttachmentStep(string fileName, string contentType, long size, string sha256) =>
            $"{fileName} ({contentType}, {size} bytes, sha256 {sha256})";

        private static string Describe(Classification c) => $"class {c.Severity}, {c.Category}, {c.ResponsibleDepartment}";

        /// <summary>What a figure recorded now is counted under: the classification and owner as they stand.</summary>
        private ReportCountedUnder CountedUnder()
        {
            var intake = report.Intake!;
            return new(intake.Severity, intake.Category, intake.ResponsibleDepartment, report.Assignments.LastOrDefault()?.Owner.Name);
        }

        private void Step(StreamEvent e, string step, Instant at, string by, string? detail) =>
            report.Steps.Add(new ReportStep(e.Version, step, at, by, detail, []));

        private void FirstResponse(Instant at) => report.FirstResponse ??= Elapsed(report.Intake!.ReceivedAt, at);

        private void Close(Instant at, bool asInvalid, string? sentTo, string by, bool settledAtFirstContact = false)
        {
            var elapsed = Elapsed(openedAt, at);
            report.Closures.Add(new ReportClosure(report.Closures.Count + 1, openedAt, at, asInvalid, sentTo, by,
                elapsed.Elapsed, elapsed.WorkingMinutes, null, settledAtFirstContact, CountedUnder()));
        }

        private void MeetDeadline(DeadlineMet met)
        {
            var deadline = report.Deadlines.LastOrDefault(d => d.Rule == met.Rule && d.Round == met.Round);
            if (deadline is null) return;
            var counted = deadlineCalendars.GetValueOrDefault((met.Rule, met.Round)) ?? Calendar;
            var pausedWorking = report.Pauses.Where(p => p.Rule == met.Rule && p.Round == met.Round)
                .Select(p => counted.WorkingTimeBetween(p.PausedAt, p.ResumedAt ?? met.MetAt))
                .Aggregate(Duration.Zero, (sum, d) => sum + d);
            var working = counted.WorkingTimeBetween(deadline.StartedAt, met.MetAt) - pausedWorking;
            var workingMinutes = (long)working.TotalMinutes;
            UpdateDeadline(met.Rule, met.Round, d => d with
            {
                MetAt = met.MetAt,
                Late = met.Late,
                MinutesTaken = met.MinutesTaken,
                WorkingMinutesTaken = workingMinutes,
                CountedUnder = CountedUnder()
            });
            if (report.Steps.Count > 0)
            {
                var step = report.Steps[^1];
                report.Steps[^1] = step with
                {
                    Met = [.. step.Met, new StepDeadline(met.Rule, met.Round, deadline.DueAt, !met.Late && !deadline.Missed,
                        met.MetAt - deadline.StartedAt - deadline.Paused, workingMinutes)]
                };
            }
        }

        private ReportElapsed Elapsed(Instant from, Instant to) =>
            new(from, to, to - from, (long)Calendar.WorkingTimeBetween(from, to).TotalMinutes);

        private void UpdateDeadline(string rule, int round, Func<ReportDeadline, ReportDeadline> change)
        {
            var index = report.Deadlines.FindLastIndex(d => d.Rule == rule && d.Round == round);
            if (index >= 0) report.Deadlines[index] = change(report.Deadlines[index]);
        }

        private void UpdatePlan(int version, Func<ReportPlan, ReportPlan> change)
        {
            var index = report.Plans.FindLastIndex(p => p.PlanVersion == version);
            if (index >= 0) report.Plans[index] = change(report.Plans[index]);
        }

        private void Approve(int version, ReportApproval approval) =>
            UpdatePlan(version, p => p with { Approvals = [.. p.Approvals, approval] });

        private void Accept(ReportApproval acceptance)
        {
            if (report.Executions.Count > 0)
                report.Executions[^1] = report.Executions[^1] with { Acceptance = acceptance };
        }

        private void ApproveDraft(ReportApproval approval)
        {
            if (report.HandlingReports.Count > 0)
                report.HandlingReports[^1] = report.HandlingReports[^1] with
                {
                    Approvals = [.. report.HandlingReports[^1].Approvals, approval]
                };
        }
    }
}
