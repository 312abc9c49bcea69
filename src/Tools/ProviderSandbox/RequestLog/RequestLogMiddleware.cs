using System.Diagnostics;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.RequestLog;

/// <summary>Logs every request outside the control API once it has been answered.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLogStore log, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(SandboxPaths.Control))
        {
            await next(context);
            return;
        }

        var timestamp = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var sequence = log.NextSequence();
        var path = context.Request.Path.Value ?? string.Empty;
        var query = context.Request.QueryString.Value ?? string.Empty;
        try
        {
            await next(context);
        }
        finally
        {
            log.Add(new RequestLogEntry
            {
                Sequence = sequence,
                Timestamp = timestamp,
                Api = SandboxPaths.ApiOf(context.Request.PathBase.Add(path)),
                Method = context.Request.Method,
                Path = path,
                Query = query,
                Mailbox = context.LoggedMailbox(),
                Status = context.Response.StatusCode,
                DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                InBatch = context.IsInBatch(),
            });
        }
    }
}
