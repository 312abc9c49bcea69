using System.Net;
using System.Text.Json;
using Google;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>Turns a Google call's failures into the reader's exceptions (ReauthRequiredException passes through).</summary>
internal static class GoogleCalls
{
    public static async Task<T> SendAsync<T>(Func<Task<T>> call, string what, HttpStatusCode? cursorExpiredOn = null)
    {
        try
        {
            return await call();
        }
        catch (GoogleApiException e) when (cursorExpiredOn is { } expired && e.HttpStatusCode == expired)
        {
            throw new CursorExpiredException($"Google answered {(int)e.HttpStatusCode} to {what}: the cursor is no longer valid.", e);
        }
        catch (GoogleApiException e)
        {
            throw new ProviderUnavailableException($"Google answered {(int)e.HttpStatusCode} ({Reason(e)}) to {what}.", e);
        }
        catch (JsonException e)
        {
            throw new ProviderUnavailableException($"Google's answer to {what} was unreadable.", e);
        }
    }

    public static Task SendAsync(Func<Task> call, string what) =>
        SendAsync(async () =>
        {
            await call();
            return true;
        }, what);

    private static string Reason(GoogleApiException e) => e.Error?.Errors?.FirstOrDefault()?.Reason ?? e.Error?.Message ?? "no reason";
}
