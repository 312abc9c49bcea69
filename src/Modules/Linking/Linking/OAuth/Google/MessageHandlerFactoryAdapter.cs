using Microsoft.Extensions.Http;

namespace NavusoftSync.Linking.OAuth.Google;

/// <summary>
/// Lets Google.Apis.Auth send through a handler pipeline of <see cref="IHttpMessageHandlerFactory"/>
/// (pooled connections, the host's logging and any handlers configured for <see cref="ClientName"/>)
/// instead of a private <see cref="HttpClientHandler"/> per flow.
/// </summary>
internal sealed class MessageHandlerFactoryAdapter(IHttpMessageHandlerFactory handlers) : global::Google.Apis.Http.HttpClientFactory
{
    public const string ClientName = "linking.google";

    protected override HttpMessageHandler CreateHandler(global::Google.Apis.Http.CreateHttpClientArgs args) => handlers.CreateHandler(ClientName);
}
