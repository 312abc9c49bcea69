using Google.Apis.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.Providers.Google.Calendar;
using NavusoftSync.Synchronization.Providers.Google.Gmail;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// Builds a mailbox's Google clients: a Google.Apis <see cref="ConfigurableHttpClient"/> (token per try, one more try on 401,
/// retry policy) over the mailbox's concurrency gate over the <see cref="HttpClientName"/> handler of IHttpClientFactory.
/// </summary>
internal sealed class GoogleSessionFactory(
    IHttpMessageHandlerFactory handlers,
    IOptions<GoogleApiOptions> google,
    IOptions<ProviderReadingOptions> reading,
    MailboxGates gates,
    TimeProvider clock,
    ILogger<GoogleSessionFactory> logger)
{
    public const string HttpClientName = "NavusoftSync.Synchronization.Google";

    public GoogleSession Open(MailboxAccess access)
    {
        var gate = gates.For(access);
        var factory = new MailboxHttpClientFactory(() => new MailboxGateHandler(gate, clock) { InnerHandler = handlers.CreateHandler(HttpClientName) });
        var args = new CreateHttpClientArgs { ApplicationName = "NavusoftSync", GZipEnabled = false };
        args.Initializers.Add(new MailboxAccessInitializer(access));
        args.Initializers.Add(new GoogleRetryPolicy(reading.Value, clock, logger, access.LinkId));
        var http = factory.CreateHttpClient(args);
        http.MessageHandler.IsLoggingEnabled = false; // request URIs carry search queries with addresses: never log them
        return new GoogleSession(
            http,
            new GmailClient(new GoogleRestClient(http, "gmail"), google.Value.GmailBaseUrl.TrimEnd('/')),
            new CalendarClient(new GoogleRestClient(http, "calendar"), google.Value.CalendarBaseUrl.TrimEnd('/')));
    }
}
