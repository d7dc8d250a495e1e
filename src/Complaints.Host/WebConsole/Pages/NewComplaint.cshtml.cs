using Complaints.Domain;
using Complaints.Host.Complaints.Registering;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>Registration as a form: the body of <c>POST /api/complaints</c>, validated by the same intake rules.</summary>
[Authorize(Policy = Policies.Register)]
public sealed class NewComplaintModel(ConsoleCommands commands, IOptions<IntakeOptions> intake) : ConsolePage
{
    public IReadOnlyList<string> Categories => intake.Value.Categories;
    public static IReadOnlyList<string> Channels => [.. Enum.GetValues<Channel>().Select(WireNames.Of)];
    public static IReadOnlyList<string> ReceiverKinds => [.. Enum.GetValues<ReceiverKind>().Select(WireNames.Of)];

    [BindProperty] public string? Severity { get; set; } = "B";
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? ResponsibleDepartment { get; set; } = ConsoleUser.DefaultDepartment;
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public string? Channel { get; set; } = "phone";
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? CustomerExpectation { get; set; }
    [BindProperty] public string? RequestedResolutionDate { get; set; }
    [BindProperty] public string? CustomerName { get; set; }
    [BindProperty] public string? CustomerPhone { get; set; }
    [BindProperty] public string? CustomerEmail { get; set; }
    [BindProperty] public string? ReceiverName { get; set; }
    [BindProperty] public string? ReceiverDepartment { get; set; } = "customer-service";
    [BindProperty] public string? ReceiverKind { get; set; } = "customer-service";
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public string? AssetReference { get; set; }

    public string Key { get; private set; } = ComplaintModel.NewKey();
    public CommandOutcome? Refusal { get; private set; }

    public void OnGet() => ReceiverName ??= User.Identity?.Name;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new RegisterRequest(Severity, Category, ResponsibleDepartment, Region, Channel, Description,
            CustomerExpectation, Blank(RequestedResolutionDate), new CustomerForm(CustomerName, Blank(CustomerPhone), Blank(CustomerEmail)),
            new ReceiverForm(ReceiverName, ReceiverDepartment, ReceiverKind), null, null, Blank(Location), Blank(AssetReference));
        var outcome = await commands.RegisterAsync(HttpContext, request, Request.Form, ct);
        if (outcome.Succeeded) return Redirect($"/console/complaints/{outcome.Answer!.Id}?done={ComplaintActions.Register}");
        // The same form again keeps its key: resending it after a refusal is the same request.
        Key = Request.Form[ConsoleCommands.IdempotencyKeyField].ToString();
        Refusal = outcome;
        Response.StatusCode = outcome.Status;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
