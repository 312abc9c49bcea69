using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

/// <summary>The real Graph SDK pointed at the sandbox: default handler pipeline (retry, redirect, ...) and a bearer token for 127.0.0.1.</summary>
internal static class GraphClients
{
    public static GraphServiceClient Create(string graphBaseUrl, Func<string> accessToken)
    {
        var http = GraphClientFactory.Create();
        var auth = new BaseBearerTokenAuthenticationProvider(new FixedTokenProvider(accessToken));
        return new GraphServiceClient(http, auth, graphBaseUrl);
    }

    private sealed class FixedTokenProvider(Func<string> token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(["127.0.0.1"]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token() : string.Empty);
    }
}
