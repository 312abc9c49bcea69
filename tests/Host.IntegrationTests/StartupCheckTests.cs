using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Host.Startup;
using NavusoftSync.Testing;

namespace NavusoftSync.Host.IntegrationTests;

/// <summary>
/// The host refuses to start with unsafe settings: outside Development without an issuer, an
/// audience or a callback base URL; in Development on an address that is not loopback.
/// </summary>
public sealed class StartupCheckTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Safe = new()
    {
        ["Auth:Issuer"] = "https://navusoft.test/",
        ["Auth:Audience"] = "navusoftsync",
        ["Links:CallbackBaseUrl"] = "https://sync.navusoft.test",
    };

    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public void Safe_production_settings_pass()
    {
        Assert.Empty(StartupChecks.Refusals(Configuration(Safe), isDevelopment: false));
    }

    [Theory]
    [InlineData("Auth:Issuer", "", "Auth:Issuer is required outside Development")]
    [InlineData("Auth:Issuer", null, "Auth:Issuer is required outside Development")]
    [InlineData("Auth:Audience", " ", "Auth:Audience is required outside Development")]
    [InlineData("Links:CallbackBaseUrl", null, "Links:CallbackBaseUrl is required outside Development")]
    [InlineData("Links:CallbackBaseUrl", "sync.navusoft.test", "Links:CallbackBaseUrl must be an absolute http or https URL")]
    [InlineData("Links:CallbackBaseUrl", "ftp://sync.navusoft.test", "Links:CallbackBaseUrl must be an absolute http or https URL")]
    public void Outside_development_a_missing_setting_is_refused(string key, string? value, string refusal)
    {
        var settings = new Dictionary<string, string?>(Safe) { [key] = value };
        Assert.Contains(StartupChecks.Refusals(Configuration(settings), isDevelopment: false), r => r.StartsWith(refusal, StringComparison.Ordinal));
    }

    [Fact]
    public void In_development_blank_issuer_audience_and_callback_take_their_development_defaults()
    {
        Assert.Empty(StartupChecks.Refusals(Configuration(new Dictionary<string, string?>()), isDevelopment: true));
        var options = AuthOptions.From(Configuration(new Dictionary<string, string?> { ["Auth:Issuer"] = "", ["Auth:Audience"] = "" }), isDevelopment: true);
        Assert.Equal((AuthOptions.DevelopmentIssuer, AuthOptions.DevelopmentAudience), (options.Issuer, options.Audience));
    }

    [Theory]
    [InlineData("urls", "http://+:80")]
    [InlineData("urls", "http://*:5080")]
    [InlineData("urls", "http://0.0.0.0:5080")]
    [InlineData("urls", "http://[::]:5080")]
    [InlineData("urls", "http://127.0.0.1:5080;http://sync.example.com:5081")]
    [InlineData("http_ports", "8080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://0.0.0.0:9000")]
    public void In_development_a_non_loopback_address_is_refused(string key, string value)
    {
        var refusals = StartupChecks.Refusals(Configuration(new Dictionary<string, string?> { [key] = value }), isDevelopment: true);
        Assert.Contains(refusals, r => r.StartsWith("In Development the host listens on loopback addresses only", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:5080")]
    [InlineData("urls", "http://localhost:5080;https://localhost:5081")]
    [InlineData("urls", "http://[::1]:5080")]
    [InlineData("Kestrel:Endpoints:Local:Url", "http://127.0.0.2:9000")]
    public void In_development_loopback_addresses_pass(string key, string value)
    {
        Assert.Empty(StartupChecks.Refusals(Configuration(new Dictionary<string, string?> { [key] = value }), isDevelopment: true));
    }

    [Theory]
    [InlineData("Production", "Auth:Issuer", "", "Auth:Issuer is required outside Development")]
    [InlineData("Production", "Auth:Audience", "", "Auth:Audience is required outside Development")]
    [InlineData("Staging", "Links:CallbackBaseUrl", "", "Links:CallbackBaseUrl is required outside Development")]
    [InlineData("Development", "urls", "http://0.0.0.0:5080", "In Development the host listens on loopback addresses only")]
    public async Task The_host_does_not_start_and_says_why(string environment, string key, string value, string refusal)
    {
        await using var app = new NavusoftApp(_connectionString, new Dictionary<string, string?> { [key] = value }, environment: environment);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(refusal, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_process_exits_with_the_reason_and_without_listening()
    {
        var start = new ProcessStartInfo("dotnet", [HostProcess.HostAssemblyPath])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__Postgres"] = _connectionString;
        start.Environment["Auth__SigningKey"] = NavusoftApp.Auth.SigningKey;
        start.Environment["Auth__Audience"] = NavusoftApp.Auth.Audience;
        start.Environment["DataProtection__KeyEncryptionKey"] = NavusoftApp.DataProtectionKeyEncryptionKey;
        // No Auth__Issuer (appsettings.json has none) and no Links__CallbackBaseUrl.

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // it started serving: the check is missing
            }
        }

        var said = await errors + await output;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("The host refuses to start (Production)", said, StringComparison.Ordinal);
        Assert.Contains("Auth:Issuer is required outside Development", said, StringComparison.Ordinal);
        Assert.Contains("Links:CallbackBaseUrl is required outside Development", said, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_a_blank_issuer_still_checks_the_issuer_against_its_development_default()
    {
        await using var app = new NavusoftApp(_connectionString, new Dictionary<string, string?> { ["Auth:Issuer"] = "", ["Auth:Audience"] = "" }, environment: "Development");
        var options = new AuthOptions { SigningKey = NavusoftApp.Auth.SigningKey };

        async Task<HttpStatusCode> CallWith(string? issuer, string? audience)
        {
            options.Issuer = issuer;
            options.Audience = audience;
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", TokenIssuer.Issue(options, Tokens.User("t-dev"), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            return (await client.GetAsync("/api/me/links")).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await CallWith(AuthOptions.DevelopmentIssuer, AuthOptions.DevelopmentAudience));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWith("https://someone-else.example/", AuthOptions.DevelopmentAudience));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWith(AuthOptions.DevelopmentIssuer, "another-service"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWith(null, null));
    }

    private static IConfiguration Configuration(IReadOnlyDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
