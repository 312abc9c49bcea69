using System.Net;
using Microsoft.Kiota.Abstractions;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// Runs one Graph SDK call and turns its failures into the reader's exceptions. The SDK's handlers already retried
/// 429/5xx; a 401 is tried once more (<see cref="GraphUnauthorizedHandler"/> reported the token, so the callback asked
/// again refreshes it), never in a loop. A
/// <see cref="ReauthRequiredException"/> from the callback passes through untouched.
/// </summary>
internal static class GraphCalls
{
    public static async Task<T> SendAsync<T>(Func<CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (ApiException e) when (e.ResponseStatusCode == (int)HttpStatusCode.Unauthorized && attempt == 1)
            {
            }
            catch (ApiException e) when (e.ResponseStatusCode == (int)HttpStatusCode.Gone)
            {
                throw new CursorExpiredException($"Graph answered 410 to {what}: the delta token is no longer valid.", e);
            }
            catch (ApiException e)
            {
                throw new ProviderUnavailableException($"Graph answered {e.ResponseStatusCode} to {what}.", e);
            }
            catch (AggregateException e)
            {
                throw new ProviderUnavailableException($"Graph kept failing {what} after the SDK's retries.", e);
            }
            catch (HttpRequestException e)
            {
                throw new ProviderUnavailableException($"Graph could not be reached for {what}.", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ProviderUnavailableException($"Graph timed out on {what}.", e);
            }
        }
    }

    /// <summary>Like <see cref="SendAsync{T}"/>, but a 404 answers null (the item is gone).</summary>
    public static async Task<T?> FindAsync<T>(Func<CancellationToken, Task<T?>> call, string what, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await SendAsync(call, what, cancellationToken);
        }
        catch (ProviderUnavailableException e) when (e.InnerException is ApiException { ResponseStatusCode: (int)HttpStatusCode.NotFound })
        {
            return null;
        }
    }
}
