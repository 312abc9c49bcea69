using System.Net;
using NavusoftSync.Testing;

namespace NavusoftSync.Host.IntegrationTests;

/// <summary>The OpenAPI document (every route of the service) is anonymous in Development only.</summary>
public sealed class OpenApiAccessTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task In_production_the_openapi_document_needs_a_valid_token()
    {
        await using var app = new NavusoftApp(_connectionString, environment: "Production");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Issue(Tokens.User("t1")) + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Tokens.User("t1")).GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task In_development_the_openapi_document_is_anonymous()
    {
        await using var app = new NavusoftApp(_connectionString, environment: "Development");

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
    }
}
