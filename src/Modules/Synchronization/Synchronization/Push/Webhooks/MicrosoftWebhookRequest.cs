using Microsoft.AspNetCore.Http;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>What a request to a Graph webhook carries before any routing: a validation token, or a body within the size cap.</summary>
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

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (announced or read).</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new byte[Math.Min(maxBytes + 1, (int?)request.ContentLength + 1 ?? 16 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                {
                    return null;
                }

                Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
        }
    }
}
