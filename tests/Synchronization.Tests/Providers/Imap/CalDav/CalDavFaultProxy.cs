using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.CalDav;

/// <summary>
/// A plain-HTTP proxy on loopback in front of the real Radicale that misbehaves on demand: answers the next requests with
/// a status (503 with <c>Retry-After</c>, 507), acts as a server without sync-collection (sync-token stripped from PROPFIND
/// answers, the report refused with 501), or rewrites REPORT answers (a resource made malformed on its way).
/// </summary>
internal sealed partial class CalDavFaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _radicale;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _faults = new();

    private CalDavFaultProxy(WebApplication app, HttpClient radicale) => (_app, _radicale) = (app, radicale);

    public Uri Root { get; private set; } = null!;

    public bool WithoutSyncCollection { get; set; }

    public Func<string, string>? RewriteReport { get; set; }

    /// <summary>Requests seen, as <c>METHOD path</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<CalDavFaultProxy> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => TestMailbox.IsTestCertificate(certificate) },
        };
        var proxy = new CalDavFaultProxy(builder.Build(), new HttpClient(handler) { BaseAddress = MailServers.Current.CalDavRoot });
        proxy._app.Run(proxy.ForwardAsync);
        await proxy._app.StartAsync();
        proxy.Root = new Uri(proxy._app.Urls.First() + "/");
        return proxy;
    }

    /// <summary>The next <paramref name="count"/> requests are answered <paramref name="status"/> (with <paramref name="retryAfter"/> seconds, if given).</summary>
    public void Fail(int status, int count, string? retryAfter = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue((status, retryAfter));
        }
    }

    public int PendingFaults => _faults.Count;

    private async Task ForwardAsync(HttpContext context)
    {
        var (method, path) = (context.Request.Method, context.Request.Path.Value ?? "/");
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        Requests.Enqueue($"{method} {path}");
        if (_faults.TryDequeue(out var fault))
        {
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds;
            }

            return;
        }

        if (WithoutSyncCollection && method == "REPORT" && body.Contains("sync-collection", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 501;
            return;
        }

        await RelayAsync(context, method, path, body);
    }

    private async Task RelayAsync(HttpContext context, string method, string path, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/xml");
        }

        foreach (var header in new[] { "Authorization", "Depth" })
        {
            if (context.Request.Headers.TryGetValue(header, out var value))
            {
                request.Headers.TryAddWithoutValidation(header, value.ToString());
            }
        }

        using var response = await _radicale.SendAsync(request, context.RequestAborted);
        var text = await response.Content.ReadAsStringAsync(context.RequestAborted);
        text = method switch
        {
            "PROPFIND" when WithoutSyncCollection => SyncToken().Replace(text, string.Empty),
            "REPORT" when RewriteReport is { } rewrite => rewrite(text),
            _ => text,
        };
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    [GeneratedRegex("<([A-Za-z0-9]+:)?sync-token[^>]*?(/>|>[^<]*</([A-Za-z0-9]+:)?sync-token>)")]
    private static partial Regex SyncToken();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _radicale.Dispose();
    }
}
