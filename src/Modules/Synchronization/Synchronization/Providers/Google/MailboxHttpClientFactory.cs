using Google.Apis.Http;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>Google.Apis' client factory over our own inner handler (the mailbox gate over an IHttpClientFactory handler).</summary>
internal sealed class MailboxHttpClientFactory(Func<HttpMessageHandler> innerHandler) : HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => innerHandler();
}
