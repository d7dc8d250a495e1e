using NodaTime;

namespace Complaints.Domain;

/// <summary>Severity classes (客诉类别) of procedure §2.</summary>
public enum Severity { A, B, C, D }

/// <summary>How the complaint reached the company. Wire names are kebab-case ("in-person").</summary>
public enum Channel { Phone, Email, Letter, Fax, InPerson, Sms, InstantMessage, Web, SocialMedia }

/// <summary>Who heard the complaint first; anyone but customer service must forward it (step 1a).</summary>
public enum ReceiverKind { CustomerService, Regional, OtherDepartment }

public sealed record Customer(string Name, string? Phone, string? Email)
{
    /// <summary>What remains of a customer whose personal data was erased.</summary>
    public const string ErasedValue = "[erased]";

    public static readonly Customer Erased = new(ErasedValue, null, null);
}

public sealed record Receiver(string Name, string Department, ReceiverKind Kind);

/// <summary>The mandatory registration data of the complaint registration form (客户投诉受理登记表).</summary>
public sealed record ComplaintIntake(
    Severity Severity,
    string Category,
    string ResponsibleDepartment,
    string Region,
    Channel Channel,
    string Description,
    string CustomerExpectation,
    LocalDate RequestedResolutionDate,
    Customer Customer,
    Receiver ReceivedBy,
    Instant ReceivedAt,
    Instant? OccurredAt,
    string? Location,
    string? AssetReference);

/// <summary>The registration form as submitted: every field optional and unparsed until validated.</summary>
public sealed record IntakeForm(
    string? Severity,
    string? Category,
    string? ResponsibleDepartment,
    string? Region,
    string? Channel,
    string? Description,
    string? CustomerExpectation,
    string? RequestedResolutionDate,
    CustomerForm? Customer,
    ReceiverForm? ReceivedBy,
    string? ReceivedAt,
    string? OccurredAt,
    string? Location,
    string? AssetReference);

public sealed record CustomerForm(string? Name, string? Phone, string? Email);

public sealed record ReceiverForm(string? Name, string? Department, string? Kind);

public static class Categories
{
    /// <summary>The procedure's category list; deployments may configure their own.</summary>
    public static readonly IReadOnlyList<string> Default =
        ["product-quality", "service-attitude", "repair-workmanship", "maintenance-timeliness", "billing", "other"];
}

/// <summary>Root-cause categories (procedure §10) on verification and plan, so trends count causes, not free text.</summary>
public static class RootCauses
{
    /// <summary>The default list; deployments configure their own (<c>Intake:RootCauses</c>).</summary>
    public static readonly IReadOnlyList<string> Default =
    [
        "workmanship", "parts-quality", "diagnosis", "communication", "process", "staff-attitude", "scheduling",
        "billing-error", "customer-usage", "other"
    ];

    /// <summary>
    /// The command with its root-cause category in the configured spelling (so reports never count "Process" and
    /// "process" apart), or an error on <c>rootCauseCategory</c> when it is not in the list.
    /// </summary>
    public static ComplaintCommand Checked(ComplaintCommand command, IReadOnlyCollection<string> known, Validator v)
    {
        string? Known(string? given)
        {
            if (given is null) return null;
            var match = known.FirstOrDefault(k => string.Equals(k, given, StringComparison.OrdinalIgnoreCase));
            if (match is null) v.Add("rootCauseCategory", $"must be one of: {string.Join(", ", known)}");
            return match;
        }
        return command switch
        {
            VerifyComplaint c => c with { RootCauseCategory = Known(c.RootCauseCategory) },
            ProposeActionPlan c => c with { RootCauseCategory = Known(c.RootCauseCategory) },
            _ => command
        };
    }
}

public static class IntakeValidation
{
    /// <summary>Validates every field at once so the caller learns all problems in one answer.</summary>
    public static ComplaintIntake Validate(IntakeForm form, IReadOnlyCollection<string> categories, Instant now,
        InputBounds bounds)
    {
        var v = new Validator();
        var severity = v.Choice<Severity>(form.Severity, "severity");
        var category = v.Line(form.Category, "category");
        if (category.Length > 0)
        {
            // Stored in the configured spelling so reports never count "Billing" and "billing" apart.
            var known = categories.FirstOrDefault(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase));
            if (known is null) v.Add("category", $"must be one of: {string.Join(", ", categories)}");
            else category = known;
        }
        var department = v.Line(form.ResponsibleDepartment, "responsibleDepartment");
        var region = v.Line(form.Region, "region");
        var channel = v.Choice<Channel>(form.Channel, "channel");
        var description = v.Text(form.Description, "description");
        var expectation = v.Text(form.CustomerExpectation, "customerExpectation");
        var requestedDate = v.Date(form.RequestedResolutionDate, "requestedResolutionDate");

        Customer customer = new("", null, null);
        if (form.Customer is null) v.Add("customer", "is required");
        else
        {
            var phone = v.OptionalLine(form.Customer.Phone, "customer.phone");
            var email = v.OptionalLine(form.Customer.Email, "customer.email");
            if (phone is null && email is null) v.Add("customer", "needs a phone number or an email address");
            if (email is not null && !email.Contains('@')) v.Add("customer.email", "is not an email address");
            customer = new Customer(v.Line(form.Customer.Name, "customer.name"), phone, email);
        }

        Receiver receiver = new("", "", ReceiverKind.CustomerService);
        if (form.ReceivedBy is null) v.Add("receivedBy", "is required");
        else
            receiver = new Receiver(
                v.Line(form.ReceivedBy.Name, "receivedBy.name"),
                v.Line(form.ReceivedBy.Department, "receivedBy.department"),
                v.Choice<ReceiverKind>(form.ReceivedBy.Kind, "receivedBy.kind"));

        var receivedAt = form.ReceivedAt is null ? now : v.Instant(form.ReceivedAt, "receivedAt");
        var receiptRead = !v.HasError("receivedAt");
        if (receiptRead && receivedAt < bounds.EarliestInstant) v.Add("receivedAt", $"lies before {InputBounds.Text(bounds.Earliest)}");
        else if (receiptRead && receivedAt > now + bounds.AllowedClockSkew) v.Add("receivedAt", "lies in the future");
        var occurredAt = form.OccurredAt is null ? (Instant?)null : v.Instant(form.OccurredAt, "occurredAt");
        if (occurredAt < bounds.EarliestInstant && !v.HasError("occurredAt")) v.Add("occurredAt", $"lies before {InputBounds.Text(bounds.Earliest)}");
        else if (occurredAt > receivedAt && receiptRead)
            v.Add("occurredAt", "lies after the complaint was received");
        // Not before the day of receipt either: the decider checks that (ComplaintDecider.Register).
        if (!v.HasError("receivedAt") && !v.HasError("requestedResolutionDate") && requestedDate > bounds.LatestResolutionDate(receivedAt))
            v.Add("requestedResolutionDate", $"lies more than {bounds.ResolutionHorizonYears} years after the complaint was received");

        var location = v.OptionalLine(form.Location, "location");
        var assetReference = v.OptionalLine(form.AssetReference, "assetReference");

        v.ThrowIfInvalid();
        return new ComplaintIntake(severity, category, department, region, channel, description, expectation,
            requestedDate, customer, receiver, receivedAt, occurredAt, location, assetReference);
    }
}
