using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace NavusoftSync.Host.Telemetry;

/// <summary>
/// Guards <c>/metrics</c> with <c>Telemetry:Prometheus:ScrapeToken</c>: exactly one <c>Authorization: Bearer &lt;token&gt;</c>
/// header whose token equals it, compared in constant time over SHA-256 hashes (equal lengths whatever was sent); anything
/// else (no header, two headers, another scheme, a wrong or garbage token) is 401 with <c>WWW-Authenticate: Bearer</c>
/// (and the host's problem document), never an exception. No token configured lets every scrape through (Development;
/// StartupChecks refuses that elsewhere). The token is never logged.
/// </summary>
internal sealed class ScrapeTokenGate(string? token)
{
    private const string Scheme = "Bearer ";

    private readonly byte[]? _expected = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Allows(context.Request.Headers.Authorization))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
    }

    internal bool Allows(StringValues authorization)
    {
        if (_expected is null)
        {
            return true;
        }

        if (authorization.Count != 1 || authorization[0] is not { } header || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _expected);
    }
}
