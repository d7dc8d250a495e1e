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

/// <summary>A named person of the company who owns a complaint (procedure §9); staff, not customer, data.</summary>
public sealed record StaffMember(string Name, string? Email);

/// <summary>The vehicle the complaint is about, by which staff find it again (procedure §9).</summary>
public sealed record Vehicle(string? Plate, string? Vin);

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
    string? AssetReference,
    Vehicle? Vehicle = null,
    IReadOnlyList<string>? Notify = null,
    StaffMember? Owner = null)
{
    /// <summary>The departments the intake asked to inform and sign beyond the responsible one; none when absent.</summary>
    public IReadOnlyList<string> NotifiedDepartments => Notify ?? [];
}

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
    string? AssetReference,
    IReadOnlyList<string?>? Notify = null,
    VehicleForm? Vehicle = null,
    StaffMemberForm? Owner = null);

public sealed record VehicleForm(string? Plate, string? Vin);

public sealed record StaffMemberForm(string? Name, string? Email);

public sealed record CustomerForm(string? Name, string? Phone, string? Email);

public sealed record ReceiverForm(string? Name, string? Department, string? Kind);

/// <summary>Departments are named by people: the same department ignoring case and surrounding spaces.</summary>
public static class Departments
{
    public static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    public static readonly IEqualityComparer<string> Comparer = StringComparer.OrdinalIgnoreCase;
}

/// <summary>How plates and VINs are read and compared.</summary>
public static class Vehicles
{
    public const int MaxPlateLength = 20;

    /// <summary>A VIN (ISO 3779): 17 characters, letters and digits but never I, O or Q.</summary>
    public static bool IsVin(string vin) =>
        vin.Length == 17 && vin.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetter(c) && "IOQioq".IndexOf(c) < 0);

    /// <summary>"浙A·12345", "浙a 12345" and "浙A12345" are one plate: letters and digits only, upper case.</summary>
    public static string NormalisedPlate(string plate) =>
        new([.. plate.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
}

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
        var category = Category(v, form.Category, categories);
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
        var notify = form.Notify is null ? null : NotifyList(v, form.Notify, department);
        var vehicle = form.Vehicle is null ? null : VehicleOf(v, form.Vehicle);
        var owner = form.Owner is null ? null : v.StaffMember(form.Owner, "owner");

        v.ThrowIfInvalid();
        return new ComplaintIntake(severity, category, department, region, channel, description, expectation,
            requestedDate, customer, receiver, receivedAt, occurredAt, location, assetReference, vehicle, notify, owner);
    }

    /// <summary>A configured category, in the configured spelling so reports never count "Billing" and "billing" apart.</summary>
    public static string Category(Validator v, string? value, IReadOnlyCollection<string> categories)
    {
        var category = v.Line(value, "category");
        if (category.Length == 0) return category;
        var known = categories.FirstOrDefault(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase));
        if (known is null) v.Add("category", $"must be one of: {string.Join(", ", categories)}");
        return known ?? category;
    }

    /// <summary>
    /// The extra departments to sign: each once (ignoring case), never the responsible one, which is informed and
    /// signs anyway, so naming it is refused rather than dropped; an empty list is no list, so a registration without
    /// one is recorded as before.
    /// </summary>
    private static List<string>? NotifyList(Validator v, IReadOnlyList<string?> notify, string responsible)
    {
        var departments = v.Lines(notify, "notify");
        for (var i = 0; i < departments.Count; i++)
            if (responsible.Length > 0 && Departments.Same(departments[i], responsible))
                v.Add($"notify[{i}]", "names the responsible department, which is informed and signs anyway");
            else if (departments.Take(i).Any(d => Departments.Same(d, departments[i])))
                v.Add($"notify[{i}]", "names a department already in the list");
        var extra = departments.Where(d => d.Length > 0).ToList();
        return extra.Count == 0 ? null : extra;
    }

    private static Vehicle? VehicleOf(Validator v, VehicleForm form)
    {
        var plate = v.OptionalLine(form.Plate, "vehicle.plate", Vehicles.MaxPlateLength);
        var vin = v.OptionalLine(form.Vin, "vehicle.vin");
        if (vin is not null && !Vehicles.IsVin(vin)) v.Add("vehicle.vin", "must be 17 letters and digits (no I, O or Q)");
        if (plate is not null && Vehicles.NormalisedPlate(plate).Length == 0) v.Add("vehicle.plate", "holds no letters or digits");
        return plate is null && vin is null ? null : new Vehicle(plate, vin?.ToUpperInvariant());
    }
}
