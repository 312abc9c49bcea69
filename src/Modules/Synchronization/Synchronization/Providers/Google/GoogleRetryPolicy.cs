using System.Net;
using Google.Apis.Http;
using Microsoft.Extensions.Logging;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// Retries 429, 5xx, Gmail's 403 rate-limit reasons and network failures: after the answer's <c>Retry-After</c> when it has one,
/// else a bounded exponential backoff with jitter; at most <see cref="ProviderReadingOptions.MaxAttempts"/> tries. A
/// <c>Retry-After</c> longer than the maximum delay is not waited for: the request fails and the run is retried later.
/// </summary>
internal sealed partial class GoogleRetryPolicy(ProviderReadingOptions options, TimeProvider clock, ILogger logger, string linkId)
    : IConfigurableHttpClientInitializer, IHttpUnsuccessfulResponseHandler, IHttpExceptionHandler
{
    private static readonly HttpRequestOptionsKey<int> Retries = new("NavusoftSync.retries");

    public void Initialize(ConfigurableHttpClient httpClient)
    {
        httpClient.MessageHandler.NumTries = Math.Clamp(options.MaxAttempts + 1, 2, 20);
        httpClient.MessageHandler.AddUnsuccessfulResponseHandler(this);
        httpClient.MessageHandler.AddExceptionHandler(this);
    }

    public async Task<bool> HandleResponseAsync(HandleUnsuccessfulResponseArgs args)
    {
        var status = args.Response.StatusCode;
        if (!(status is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError || await ProviderThrottling.IsThrottledAsync(args.Response, args.CancellationToken)))
        {
            return false;
        }

        var retryAfter = RetryDelays.RetryAfter(args.Response.Headers, clock.GetUtcNow());
        return await WaitAsync(args.Request, args.SupportsRetry, retryAfter, (int)status, args.CancellationToken);
    }

    public Task<bool> HandleExceptionAsync(HandleExceptionArgs args) =>
        args.Exception is HttpRequestException || (args.Exception is TaskCanceledException && !args.CancellationToken.IsCancellationRequested)
            ? WaitAsync(args.Request, args.SupportsRetry, null, 0, args.CancellationToken)
            : Task.FromResult(false);

    private async Task<bool> WaitAsync(HttpRequestMessage request, bool supportsRetry, TimeSpan? retryAfter, int status, CancellationToken cancellationToken)
    {
        var retry = (request.Options.TryGetValue(Retries, out var done) ? done : 0) + 1;
        if (!supportsRetry || retry >= options.MaxAttempts || retryAfter > options.RetryMaxDelay)
        {
            return false;
        }

        var delay = retryAfter ?? RetryDelays.Backoff(options, retry);
        request.Options.Set(Retries, retry);
        LogRetry(logger, linkId, status, retry, (long)delay.TotalMilliseconds);
        await Task.Delay(delay, clock, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: Google answered {Status}; retry {Retry} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string linkId, int status, int retry, long delayMs);
}
