using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Auth;

namespace NavusoftSync.Testing;

/// <summary>
/// The real host (Program) over its in-memory test server, on a database of the caller's, with the
/// test signing key. Quartz and the async daemon follow the given settings (both on by default).
/// </summary>
public sealed class NavusoftApp(
    string connectionString,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? configureServices = null,
    string environment = "Testing") : WebApplicationFactory<Program>
{
    public static readonly AuthOptions Auth = new()
    {
        Issuer = "https://navusoft.test/",
        Audience = "navusoftsync",
        SigningKey = "test-signing-key-that-is-long-enough-for-hs256!",
    };

    /// <summary>The test key encryption key of the Data Protection key ring (32 bytes, base64): fixed, so hosts of one test share a key ring.</summary>
    public const string DataProtectionKeyEncryptionKey = "dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=";

    /// <summary>The base URL of the in-memory test server (what a request to it sees as its own base).</summary>
    public const string TestServerBaseUrl = "http://localhost";

    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Auth:Issuer", Auth.Issuer);
        builder.UseSetting("Auth:Audience", Auth.Audience);
        builder.UseSetting("Auth:SigningKey", Auth.SigningKey);
        builder.UseSetting("DataProtection:KeyEncryptionKey", DataProtectionKeyEncryptionKey);
        builder.UseSetting("Links:CallbackBaseUrl", TestServerBaseUrl); // required outside Development; the test server's own base
        builder.UseSetting("Quartz:Enabled", "false");
        builder.UseSetting("Marten:DaemonMode", "Solo");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    /// <summary>An HTTP client carrying a fresh token for the given user.</summary>
    public HttpClient ClientFor(TokenRequest user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(user));
        return client;
    }
}
