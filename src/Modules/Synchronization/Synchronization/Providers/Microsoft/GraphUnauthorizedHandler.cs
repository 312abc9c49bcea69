using System.Net;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// Tells the mailbox's access of a bearer token Graph answered 401 to, so the one retry <see cref="GraphCalls"/> makes
/// carries a refreshed token instead of the rejected one.
/// </summary>
internal sealed class GraphUnauthorizedHandler(MailboxAccess access) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            await access.UnauthorizedAsync(request, cancellationToken);
        }

        return response;
    }
}
