using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;

namespace NavusoftSync.ContactDirectory.IntegrationTests;

public sealed class AccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _adminA = fixture.ClientFor(Tokens.Admin("tenant-a"));
    private readonly HttpClient _userA = fixture.ClientFor(Tokens.User("tenant-a"));
    private readonly HttpClient _adminB = fixture.ClientFor(Tokens.Admin("tenant-b"));
    private readonly HttpClient _userB = fixture.ClientFor(Tokens.User("tenant-b"));

    public static TheoryData<string, string> EveryCall => new()
    {
        { "PUT", "/api/accounts/a1" },
        { "GET", "/api/accounts/a1" },
        { "POST", "/api/accounts/a1/contacts" },
        { "DELETE", "/api/accounts/a1/contacts/c1" },
        { "GET", "/api/contacts?email=bob@acme.com" },
        { "GET", "/api/accounts?q=green" },
    };

    [Theory]
    [MemberData(nameof(EveryCall))]
    public async Task Without_a_token_every_call_is_401(string method, string path)
    {
        var response = await fixture.App.CreateClient().SendAsync(Request(method, path));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("expired")]
    [InlineData("no-tenant")]
    [InlineData("wrong-audience")]
    public async Task A_token_that_does_not_validate_is_401(string flaw)
    {
        var now = DateTimeOffset.UtcNow;
        var auth = NavusoftApp.Auth;
        var token = flaw switch
        {
            "wrong-key" => TokenIssuer.Issue(new AuthOptions { Issuer = auth.Issuer, Audience = auth.Audience, SigningKey = "another-key-another-key-another-key-123" }, Tokens.Admin("tenant-a"), now, TimeSpan.FromHours(1)),
            "expired" => TokenIssuer.Issue(auth, Tokens.Admin("tenant-a"), now.AddHours(-3), TimeSpan.FromHours(1)),
            "no-tenant" => TokenIssuer.Issue(auth, Tokens.Admin(" ") with { Tid = "" }, now, TimeSpan.FromHours(1)),
            _ => TokenIssuer.Issue(new AuthOptions { Issuer = auth.Issuer, Audience = "someone-else", SigningKey = auth.SigningKey }, Tokens.Admin("tenant-a"), now, TimeSpan.FromHours(1)),
        };
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await (await client.GetAsync("/api/accounts/a1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("PUT", "/api/accounts/a1")]
    [InlineData("POST", "/api/accounts/a1/contacts")]
    [InlineData("DELETE", "/api/accounts/a1/contacts/c1")]
    public async Task A_user_on_an_admin_route_is_403(string method, string path) =>
        await (await _userA.SendAsync(Request(method, path))).AssertProblemAsync(HttpStatusCode.Forbidden);

    [Fact]
    public async Task Another_tenants_account_is_404_and_invisible_to_lookups()
    {
        var id = $"acc-{Guid.NewGuid():N}";
        var email = $"pat-{Guid.NewGuid():N}@customer.com";
        Assert.Equal(HttpStatusCode.Created, (await _adminA.PutAsJsonAsync($"/api/accounts/{id}", Http.Account("Acme", ("c1", "Pat", email)))).StatusCode);

        await (await _userB.GetAsync($"/api/accounts/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _adminB.PostAsJsonAsync($"/api/accounts/{id}/contacts", new { contactId = "c2", name = "X", email = "x@y.com" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _adminB.DeleteAsync($"/api/accounts/{id}/contacts/c1")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await _userB.GetAsync($"/api/contacts?email={email}")).ReadJsonAsync()).EnumerateArray());

        // The same account id in tenant B is B's own account; A's is untouched.
        Assert.Equal(HttpStatusCode.Created, (await _adminB.PutAsJsonAsync($"/api/accounts/{id}", Http.Account("Other Co", ("z1", "Zed", "zed@other.com")))).StatusCode);
        var a = await (await _userA.GetAsync($"/api/accounts/{id}")).ReadJsonAsync();
        Assert.Equal("Acme", a.GetProperty("name").GetString());
        Assert.Equal(email, Assert.Single(a.GetProperty("contacts").EnumerateArray()).GetProperty("email").GetString());
        Assert.Empty((await (await _userA.GetAsync("/api/contacts?email=zed@other.com")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_missing_account_is_a_404_problem() =>
        await (await _userA.GetAsync("/api/accounts/does-not-exist")).AssertProblemAsync(HttpStatusCode.NotFound);

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "PUT" or "POST" ? JsonContent.Create(new { name = "x", contacts = Array.Empty<object>(), contactId = "c1", email = "a@b.com" }) : null,
    };
}
