using System.Globalization;
using System.Text.Json;
using Complaints.Domain;
using Complaints.Host.Complaints.Registering;
using NodaTime;

namespace Complaints.Bench;

/// <summary>The registration every measurement sends: a class-B complaint as the contract's example.</summary>
public static class Registration
{
    public const string Region = "cn-east";

    /// <summary>Customers the bench cycles through: a company's complaints come from many customers, a few more than once.</summary>
    public const int Customers = 10_000;

    /// <summary>The registration of customer <paramref name="customer"/> (modulo <see cref="Customers"/>).</summary>
    public static RegisterRequest Request(string receiverKind, int customer) => Request(receiverKind) with
    {
        Customer = new CustomerForm("Li Wei", $"+86 138 {customer % Customers:D4} 0000", $"customer{customer % Customers}@example.com")
    };

    public static RegisterRequest Request(string receiverKind) => new(
        Severity: "B", Category: "repair-workmanship", ResponsibleDepartment: "maintenance", Region: Region,
        Channel: "phone", Description: "Brake noise returned two days after the repair of order RO-2291.",
        CustomerExpectation: "Repair again free of charge and a courtesy car", RequestedResolutionDate: InAMonth(),
        Customer: new CustomerForm("Li Wei", "+86 138 0000 0000", "li.wei@example.com"),
        ReceivedBy: new ReceiverForm("Zhang San", "customer-service", receiverKind), ReceivedAt: null,
        OccurredAt: null, Location: "Workshop 2, Shanghai", AssetReference: "VIN LSVAU2180N2183921");

    private static string InAMonth() =>
        SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static byte[] Json(string receiverKind) =>
        JsonSerializer.SerializeToUtf8Bytes(Request(receiverKind), JsonSerializerOptions.Web);
}
