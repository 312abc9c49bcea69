using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Testing;

namespace NavusoftSync.Host.IntegrationTests;

public sealed class HostTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_a_token()
    {
        var client = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_contract_paths()
    {
        var document = await fixture.ClientFor(Tokens.User("t1")).GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/accounts/{accountId}", "/api/accounts/{accountId}/contacts", "/api/accounts/{accountId}/contacts/{contactId}", "/api/contacts" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task The_dev_token_call_does_not_exist_outside_development()
    {
        var response = await fixture.App.CreateClient().PostAsJsonAsync("/api/dev/token", new { sub = "u", tid = "t" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_document()
    {
        var response = await fixture.ClientFor(Tokens.User("t1")).GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class DevelopmentHostTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task In_development_the_dev_token_call_mints_a_token_the_api_accepts()
    {
        await using var app = new NavusoftApp(_connectionString, environment: "Development");
        var client = app.CreateClient();
        var minted = await client.PostAsJsonAsync("/api/dev/token", new { sub = "demo-admin", tid = "demo", role = "admin", tz = "America/Chicago" });
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var put = await client.PutAsJsonAsync("/api/accounts/a1", new { name = "Acme", contacts = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        // An operator for the demo's store-wide calls; a tenant admin gets 403 there.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/projections")).StatusCode);
        var operatorToken = await client.PostAsJsonAsync("/api/dev/token", new { sub = "demo-operator", tid = "navusoft", role = "operator" });
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await operatorToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/projections")).StatusCode);
    }
}
