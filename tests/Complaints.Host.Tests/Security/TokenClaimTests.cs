using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Host.Tests.Security;

/// <summary>
/// A correctly signed token whose name or subject cannot be recorded as the actor of a write (a NUL made the write
/// fail with 500) is refused with 401 naming why; so is one whose department claim could not be matched or shown
/// (a NUL in it made the worklist fail with 500).
/// </summary>
public sealed class TokenClaimTests(ComplaintsApi api) : ApiTest(api)
{
    [Theory]
    [InlineData("name", "Mallory\u0000", "its name claim contains control characters")]
    [InlineData("name", "Mallory\u001b[31m", "its name claim contains control characters")]
    [InlineData("name", "Mallory\nAdmin", "its name claim must be a single line")]
    [InlineData("name", "   ", "its name claim is blank")]
    [InlineData("sub", "svc\u0007", "its sub claim contains control characters")]
    [InlineData("name", "201", "its name claim is longer than 200 characters")]
    [InlineData("name", "\u200B\uFEFF", "its name claim is blank")]
    [InlineData("name", "Mallory\u202Eyrollam", "its name claim contains invisible formatting characters")]
    [InlineData("department", "maintenance\u0000", "its department claim contains control characters")]
    [InlineData("department", "201", "its department claim is longer than 200 characters")]
    public async Task A_token_naming_its_caller_illegibly_is_401_saying_why_and_records_nothing(string claim, string value,
        string reason)
    {
        using var client = ClientWith(new Claim(claim, value == "201" ? new string('m', 201) : value));

        var refused = (await client.PostJsonAsync("/api/complaints", Bodies.Registration()))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);

        refused.Text("detail").ShouldContain(reason);
        (await client.GetJsonAsync("/api/ledger")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_name_of_200_characters_is_recorded_as_the_actor()
    {
        var name = new string('m', 200);
        using var client = ClientWith(new Claim("name", name));

        var id = (await client.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created).Id;

        (await Client.HistoryAsync(id))[0]!["actor"]!.GetValue<string>().ShouldBe(name);
    }

    private HttpClient ClientWith(Claim identity)
    {
        var options = Api.Services.GetRequiredService<JwtOptions>();
        var now = DateTime.UtcNow;
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new JsonWebTokenHandler().CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = options.Issuer, Audience = options.Audience, NotBefore = now, Expires = now.AddHours(1),
                Subject = new ClaimsIdentity([
                    identity, new Claim("roles", Roles.Intake), new Claim("roles", Roles.Analyst),
                    .. identity.Type == "department" ? [new Claim("name", "Head Liu"), new Claim("roles", Roles.Department)] : Array.Empty<Claim>()
                ]),
                SigningCredentials = new SigningCredentials(options.Key, SecurityAlgorithms.HmacSha256)
            }));
        return client;
    }
}
