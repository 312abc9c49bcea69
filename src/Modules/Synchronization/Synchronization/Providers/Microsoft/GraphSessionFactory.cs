using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// Builds the Graph SDK client of one mailbox: <see cref="GraphClientFactory"/>'s default handlers with our retry policy
/// (429/5xx, honouring <c>Retry-After</c>), then the ImmutableId preference, the report of a token answered 401 and the
/// mailbox's concurrency gate, over the
/// <see cref="HttpClientName"/> handler of <see cref="IHttpMessageHandlerFactory"/>.
/// </summary>
internal sealed class GraphSessionFactory(
    IHttpMessageHandlerFactory handlers,
    IOptions<MicrosoftGraphOptions> graph,
    IOptions<ProviderReadingOptions> reading,
    MailboxGates gates,
    TimeProvider clock)
{
    public const string HttpClientName = "NavusoftSync.Synchronization.Graph";

    public GraphSession Open(MailboxAccess access)
    {
        var baseUrl = graph.Value.GraphBaseUrl.TrimEnd('/');
        var pipeline = GraphClientFactory.CreateDefaultHandlers(new GraphClientOptions());
        var retry = pipeline.Select((handler, index) => (handler, index)).First(h => h.handler is RetryHandler).index;
        pipeline[retry] = new RetryHandler(RetryOption(reading.Value));
        pipeline.Add(new GraphPreferHandler());
        pipeline.Add(new GraphUnauthorizedHandler(access));
        pipeline.Add(new MailboxGateHandler(gates.For(access), clock));
        var http = GraphClientFactory.Create(pipeline, finalHandler: handlers.CreateHandler(HttpClientName), disposeHandler: false);
        var auth = new BaseBearerTokenAuthenticationProvider(new MailboxTokenProvider(access, new Uri(baseUrl).Host));
        return new GraphSession(new GraphServiceClient(http, auth, baseUrl), http, baseUrl);
    }

    /// <summary>Kiota counts retries (not tries) and whole seconds; the total wait is capped so a long Retry-After fails the run instead.</summary>
    private static RetryHandlerOption RetryOption(ProviderReadingOptions options) => new()
    {
        MaxRetry = Math.Clamp(options.MaxAttempts - 1, 0, 10),
        Delay = Math.Clamp((int)Math.Ceiling(options.RetryBaseDelay.TotalSeconds), 0, 180),
        RetriesTimeLimit = options.RetryMaxDelay * Math.Max(1, options.MaxAttempts - 1),
        ShouldRetry = (_, _, response) => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
    };
}
