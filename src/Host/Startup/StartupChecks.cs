using System.Net;
using Microsoft.AspNetCore.Http;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Host.Telemetry;

namespace NavusoftSync.Host.Startup;

/// <summary>
/// What the host refuses to serve with, checked once before it listens (README "Required settings").
/// Outside Development: a blank <c>Auth:Issuer</c> or <c>Auth:Audience</c> (a token from another
/// issuer or for another service must not pass), and no absolute <c>Links:CallbackBaseUrl</c> (the
/// OAuth redirect would follow the request's Host header), and an enabled <c>/metrics</c> without a scrape token. In Development: any listening address
/// that is not loopback (the dev token endpoint mints an admin of any tenant for whoever asks).
/// </summary>
internal static class StartupChecks
{
    public const string CallbackBaseUrlKey = "Links:CallbackBaseUrl";

    /// <summary>Every reason not to start, as sentences an operator can act on; empty when the host may start.</summary>
    public static IReadOnlyList<string> Refusals(IConfiguration configuration, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var refusals = new List<string>();
        if (isDevelopment)
        {
            refusals.AddRange(ListeningUrls(configuration).Where(url => !IsLoopback(url)).Select(url =>
                $"In Development the host listens on loopback addresses only (its dev token endpoint mints an admin of any tenant), but '{url}' is not loopback: use http://127.0.0.1:PORT or http://localhost:PORT, or run in another environment."));
            return refusals;
        }

        var auth = AuthOptions.From(configuration, isDevelopment: false);
        if (string.IsNullOrWhiteSpace(auth.Issuer))
        {
            refusals.Add("Auth:Issuer is required outside Development: the issuer (iss) of Navusoft's tokens. A blank issuer is not a wildcard.");
        }

        if (string.IsNullOrWhiteSpace(auth.Audience))
        {
            refusals.Add("Auth:Audience is required outside Development: the audience (aud) Navusoft's tokens carry for this service. A blank audience is not a wildcard.");
        }

        var callbackBase = configuration[CallbackBaseUrlKey];
        if (string.IsNullOrWhiteSpace(callbackBase))
        {
            refusals.Add($"{CallbackBaseUrlKey} is required outside Development: the public base URL of this host (https://sync.example.com); OAuth redirects go to {{base}}/api/links/callback/{{provider}}.");
        }
        else if (!Uri.TryCreate(callbackBase, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            refusals.Add($"{CallbackBaseUrlKey} must be an absolute http or https URL (https://sync.example.com), not '{callbackBase}'.");
        }

        refusals.AddRange(ScrapeTokenRefusals(configuration));
        return refusals;
    }

    /// <summary>Outside Development the scrape endpoint, when enabled, needs its bearer token: metrics name providers and volumes.</summary>
    private static IEnumerable<string> ScrapeTokenRefusals(IConfiguration configuration)
    {
        var telemetry = TelemetrySettings.From(configuration);
        if (telemetry.PrometheusEnabled && (telemetry.ScrapeToken?.Length ?? 0) < TelemetrySettings.MinimumScrapeTokenLength)
        {
            yield return $"{TelemetrySettings.ScrapeTokenKey} is required outside Development when {TelemetrySettings.PrometheusEnabledKey} is true: a random string of at least {TelemetrySettings.MinimumScrapeTokenLength} characters (32 advised) the scraper sends as 'Authorization: Bearer <token>'.";
        }
    }

    /// <summary>Throws (after writing the reasons to stderr) when the host must not start.</summary>
    public static void Enforce(WebApplication app)
    {
        var refusals = Refusals(app.Configuration, app.Environment.IsDevelopment());
        if (refusals.Count == 0)
        {
            return;
        }

        var message = $"The host refuses to start ({app.Environment.EnvironmentName}):{Environment.NewLine}"
            + string.Join(Environment.NewLine, refusals.Select(r => $"  - {r}"));
        Console.Error.WriteLine(message);
        throw new InvalidOperationException(message);
    }

    /// <summary>
    /// The addresses Kestrel is configured to listen on: <c>urls</c> (<c>ASPNETCORE_URLS</c>,
    /// <c>--urls</c>), else <c>http_ports</c>/<c>https_ports</c> (every interface), and every
    /// <c>Kestrel:Endpoints:*:Url</c>. Nothing configured means Kestrel's default, localhost.
    /// </summary>
    internal static IEnumerable<string> ListeningUrls(IConfiguration configuration)
    {
        var urls = Split(configuration["urls"]);
        if (urls.Count == 0)
        {
            urls = [.. Split(configuration["http_ports"]).Select(p => $"http://*:{p}"), .. Split(configuration["https_ports"]).Select(p => $"https://*:{p}")];
        }

        return urls.Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>()
            .Where(url => !string.IsNullOrWhiteSpace(url)));
    }

    /// <summary>Whether Kestrel binds the address to loopback only: localhost, 127.0.0.0/8, ::1 or a Unix socket; <c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c> and other host names bind every interface.</summary>
    internal static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return true;
        }

        var host = address.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static List<string> Split(string? value) =>
        [.. (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
