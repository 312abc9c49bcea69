using Microsoft.AspNetCore.Http;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>The validation token a request to a Graph webhook may carry (bodies are read by <see cref="BoundedBody"/>).</summary>
internal static class MicrosoftWebhookRequest
{
    /// <summary>Graph's tokens are short sentences; a longer one is not Graph's.</summary>
    public const int MaxValidationTokenBytes = 1024;

    /// <summary>
    /// The <c>validationToken</c> query parameter (decoded): absent → (false, null); present and usable → (true, token);
    /// present twice, empty, over <see cref="MaxValidationTokenBytes"/> or with control characters → (true, null).
    /// </summary>
    public static (bool Present, string? Token) ValidationToken(HttpRequest request)
    {
        if (!request.Query.TryGetValue("validationToken", out var values))
        {
            return (false, null);
        }

        var token = values.Count == 1 ? values[0] : null;
        var usable = token is { Length: > 0 }
            && System.Text.Encoding.UTF8.GetByteCount(token) <= MaxValidationTokenBytes
            && !token.Any(char.IsControl);
        return (true, usable ? token : null);
    }
}
