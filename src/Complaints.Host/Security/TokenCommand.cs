using JasperFx.CommandLine;

namespace Complaints.Host.Security;

public sealed class TokenInput : NetCoreInput
{
    [Description("The role(s) the token carries, comma-separated: " +
                 "intake, department, cs-leadership, gm-office, auditor, analyst, admin, service")]
    public string Role { get; set; } = "";

    [Description("The person or system the token names; recorded as the actor of its writes")]
    [FlagAlias("name", longAliasOnly: true)]
    public string NameFlag { get; set; } = "developer";

    [Description("The department a department token works in (its worklist shows that department's work)")]
    [FlagAlias("department", longAliasOnly: true)]
    public string? DepartmentFlag { get; set; }

    [Description("Lifetime in hours (default 8)")]
    [FlagAlias("hours", longAliasOnly: true)]
    public int HoursFlag { get; set; } = 8;
}

/// <summary><c>dotnet run --project src/Complaints.Host -- token intake --name "Zhang San"</c> prints a bearer token.</summary>
[Description("Print a development bearer token for a role and name (Development only)", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    public override bool Execute(TokenInput input)
    {
        using var host = input.BuildHost();
        var environment = host.Services.GetRequiredService<IHostEnvironment>();
        var options = host.Services.GetRequiredService<JwtOptions>();
        // Outside Development the command is refused before the host is built (CommandLine.Refusal).
        if (!environment.IsDevelopment() || !options.IsDevelopmentKey)
        {
            Console.Error.WriteLine($"token: tokens are printed only with a development key (Authentication:Jwt:SigningKey " +
                                    $"starting with {JwtOptions.DevelopmentKeyPrefix}, as appsettings.Development.json has).");
            return false;
        }
        var roles = input.Role.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (roles.Length == 0 || roles.Any(r => !Roles.All.Contains(r)))
        {
            Console.Error.WriteLine($"'{input.Role}' is not a list of roles; use one or more of: {string.Join(", ", Roles.All)}.");
            return false;
        }
        Console.WriteLine(host.Services.GetRequiredService<DevelopmentTokens>()
            .Issue(input.NameFlag, roles, TimeSpan.FromHours(input.HoursFlag), input.DepartmentFlag));
        return true;
    }
}
