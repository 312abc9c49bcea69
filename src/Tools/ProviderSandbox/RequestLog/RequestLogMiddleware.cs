using System.Diagnostics;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.RequestLog;

/// <summary>
/// Logs every request outside the control API as its answer starts, before the caller can read any of it: a test that
/// asks the log right after an answer arrived always finds that request. A request whose answer never starts (the
/// caller went away) is logged when the pipeline ends. The duration is the time to the answer's first byte.
/// </summary>
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
        var logged = 0;
        void Record()
        {
            if (Interlocked.Exchange(ref logged, 1) == 1)
            {
                return;
            }

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

        context.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            Record();
        }
    }
}
