using Microsoft.Graph;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>A Graph SDK client bound to one mailbox for one reader call.</summary>
internal sealed class GraphSession(GraphServiceClient client, HttpClient http, string baseUrl) : IDisposable
{
    public GraphServiceClient Client { get; } = client;

    /// <summary>The configured Graph base URL without a trailing slash, e.g. <c>https://graph.microsoft.com/v1.0</c>.</summary>
    public string BaseUrl { get; } = baseUrl;

    public void Dispose()
    {
        Client.Dispose();
        http.Dispose();
    }
}
