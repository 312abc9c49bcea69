using System.Net;
using Microsoft.Extensions.Configuration;
using NavusoftSync.Host.Startup;
using NavusoftSync.Testing;

namespace NavusoftSync.Host.IntegrationTests;

/// <summary>A host with <c>/metrics</c> enabled and a scrape token: only that token, sent as a bearer, reads it.</summary>
public sealed class ScrapeTokenFixture : AppFixture
{
    public const string Token = "scrape-token-0123456789abcdef";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Telemetry:Prometheus:Enabled"] = "true",
        ["Telemetry:Prometheus:ScrapeToken"] = Token,
    };
}

/// <summary>
/// The scrape endpoint is outside the user JWT auth and guarded by its own token: a missing, wrong, garbage or doubled
/// Authorization header is 401 (never 500), a user's valid JWT is not the scrape token, the token answers Prometheus text.
/// </summary>
public sealed class MetricsEndpointTests(ScrapeTokenFixture fixture) : IClassFixture<ScrapeTokenFixture>
{
    public static TheoryData<string[]> RefusedHeaders => new()
    {
        Array.Empty<string>(),
        new[] { "Bearer not-the-token" },
        new[] { "Bearer " },
        new[] { "Bearer" },
        new[] { $"Basic {ScrapeTokenFixture.Token}" },
        new[] { $"Bearer {ScrapeTokenFixture.Token}x" },
        new[] { $"Bearer {ScrapeTokenFixture.Token[..^1]}" },
        new[] { "Bearer \u00ff\u00fe\u0001garbage\u00e9" },
        new[] { "Bearer " + new string('a', 20_000) },
        new[] { $"Bearer {ScrapeTokenFixture.Token}", $"Bearer {ScrapeTokenFixture.Token}" },
        new[] { "garbage" },
    };

    [Theory]
    [MemberData(nameof(RefusedHeaders))]
    public async Task A_scrape_without_the_token_is_401(string[] authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        foreach (var header in authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        var response = await fixture.App.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_valid_token_is_not_the_scrape_token()
    {
        var response = await fixture.ClientFor(Tokens.Admin("t1")).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_scrape_token_reads_prometheus_text_without_a_user_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Authorization", $"bearer {ScrapeTokenFixture.Token}");

        var response = await fixture.App.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_an_enabled_scrape_endpoint_needs_a_token_of_16_characters()
    {
        var safe = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "https://navusoft.test/",
            ["Auth:Audience"] = "navusoftsync",
            ["Links:CallbackBaseUrl"] = "https://sync.navusoft.test",
            ["Telemetry:Prometheus:Enabled"] = "true",
        };
        Assert.Contains(StartupChecks.Refusals(Configuration(safe), isDevelopment: false), r => r.StartsWith("Telemetry:Prometheus:ScrapeToken is required", StringComparison.Ordinal));
        safe["Telemetry:Prometheus:ScrapeToken"] = "short-token";
        Assert.Contains(StartupChecks.Refusals(Configuration(safe), isDevelopment: false), r => r.StartsWith("Telemetry:Prometheus:ScrapeToken is required", StringComparison.Ordinal));
        safe["Telemetry:Prometheus:ScrapeToken"] = ScrapeTokenFixture.Token;
        Assert.Empty(StartupChecks.Refusals(Configuration(safe), isDevelopment: false));
        Assert.Empty(StartupChecks.Refusals(Configuration(new Dictionary<string, string?> { ["Telemetry:Prometheus:Enabled"] = "true" }), isDevelopment: true));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

/// <summary>The defaults: off in production settings (404), on without a token in Development (loopback only).</summary>
public sealed class MetricsEndpointDefaultsTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Disabled_the_scrape_endpoint_does_not_exist()
    {
        await using var app = new NavusoftApp(_connectionString);
        var response = await app.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task In_development_the_scrape_endpoint_answers_without_a_token()
    {
        await using var app = new NavusoftApp(_connectionString, environment: "Development");
        var response = await app.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
