using System.Net;
using Microsoft.Kiota.Abstractions;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// The subscription calls' error mapping, on top of <see cref="GraphCalls"/> (401 asked once more, 429/5xx retried by the
/// SDK, <see cref="ReauthRequiredException"/> passed through, the rest <see cref="ProviderUnavailableException"/>): a 404
/// means the subscription is gone, and a 410 (which the readers take for an expired delta token) is only a failure here.
/// </summary>
internal static class GraphPushCalls
{
    public static async Task<T> SendAsync<T>(Func<CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await GraphCalls.SendAsync(call, what, cancellationToken);
        }
        catch (CursorExpiredException e)
        {
            throw new ProviderUnavailableException($"Graph answered 410 to {what}.", e.InnerException);
        }
    }

    /// <summary>Like <see cref="SendAsync{T}"/>; answers false when Graph has no such subscription (404).</summary>
    public static async Task<bool> ExistsAfterAsync(Func<CancellationToken, Task> call, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(async c => { await call(c); return true; }, what, cancellationToken);
        }
        catch (ProviderUnavailableException e) when (IsNotFound(e))
        {
            return false;
        }
    }

    public static bool IsNotFound(ProviderUnavailableException e) =>
        e.InnerException is ApiException { ResponseStatusCode: (int)HttpStatusCode.NotFound };
}
