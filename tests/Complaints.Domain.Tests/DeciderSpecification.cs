namespace Complaints.Domain.Tests;

/// <summary>Given past events, when a command is decided, then these events follow (or the command is refused).</summary>
public sealed class DeciderSpecification
{
    private readonly IComplaintEvent[] history;
    private ComplaintCommand? command;
    private IComplaintEvent[] decided = [];

    private DeciderSpecification(IComplaintEvent[] history) => this.history = history;

    public static DeciderSpecification Given(params IComplaintEvent[] events) => new(events);

    public DeciderSpecification When(ComplaintCommand command)
    {
        this.command = command;
        return this;
    }

    public DeciderSpecification Then(params IComplaintEvent[] expected)
    {
        decided = [.. ComplaintDecider.Decide(Command, StateBefore())];
        decided.ShouldBeEquivalentTo(expected);
        return this;
    }

    /// <summary>Checks where the complaint stands once the decided events are folded in.</summary>
    public DeciderSpecification AndStatus(string expectedStatus)
    {
        var after = decided.Aggregate(StateBefore(), ComplaintDecider.Evolve);
        ComplaintDecider.StatusOf(after).ShouldBe(expectedStatus);
        return this;
    }

    /// <summary>The command is refused; <paramref name="expectedAllowedActions"/> are the state's steps, after which every
    /// open complaint also takes the staff work (<see cref="ComplaintActions.StaffWork"/>).</summary>
    public CommandNotAllowedException ThenRefused(string expectedStatus, params string[] expectedAllowedActions)
    {
        var state = StateBefore();
        var refusal = Should.Throw<CommandNotAllowedException>(() => ComplaintDecider.Decide(Command, state));
        refusal.Status.ShouldBe(expectedStatus);
        refusal.AllowedActions.ShouldBe(
            [.. expectedAllowedActions, .. ComplaintDecider.OpenFile(state) is null ? [] : ComplaintActions.StaffWork]);
        return refusal;
    }

    /// <summary>The command is refused as invalid input (HTTP 400); the refusal names the fields.</summary>
    public InvalidCommandException ThenInvalid()
    {
        var state = StateBefore();
        return Should.Throw<InvalidCommandException>(() => ComplaintDecider.Decide(Command, state));
    }

    private ComplaintCommand Command =>
        command ?? throw new InvalidOperationException("Call When(command) before asserting the outcome.");

    private ComplaintState StateBefore() => history.Aggregate(ComplaintDecider.Initial, ComplaintDecider.Evolve);
}
