using System.Net;
using System.Net.Http.Headers;
using Google.Apis.Http;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// Google.Apis' credential pattern for a link: every try carries the token the access callback returns now (it refreshes when
/// needed, or throws <see cref="ReauthRequiredException"/>, which propagates); a 401 reports the rejected token to the access
/// (so it is refreshed, not answered again) and is tried once more, never in a loop.
/// </summary>
internal sealed class MailboxAccessInitializer(MailboxAccess access) : IConfigurableHttpClientInitializer, IHttpExecuteInterceptor, IHttpUnsuccessfulResponseHandler
{
    private static readonly HttpRequestOptionsKey<bool> Retried = new("NavusoftSync.auth-retried");

    public void Initialize(ConfigurableHttpClient httpClient)
    {
        httpClient.MessageHandler.AddExecuteInterceptor(this);
        httpClient.MessageHandler.AddUnsuccessfulResponseHandler(this);
    }

    public async Task InterceptAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await access.GetAccessTokenAsync(cancellationToken));

    public async Task<bool> HandleResponseAsync(HandleUnsuccessfulResponseArgs args)
    {
        if (args.Response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return false;
        }

        await access.UnauthorizedAsync(args.Request, args.CancellationToken);
        if (!args.SupportsRetry || (args.Request.Options.TryGetValue(Retried, out var retried) && retried))
        {
            return false;
        }

        args.Request.Options.Set(Retried, true);
        return true;
    }
}
