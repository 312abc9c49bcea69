using System.Text;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>
/// Reads a body of at most a given size: a larger one (announced by its length, or streamed without one) is refused
/// without being read past the limit. The buffer grows as bytes arrive, so a small body costs a small buffer.
/// </summary>
internal static class BoundedBody
{
    private const int FirstBuffer = 16 * 1024;

    /// <summary>The body's bytes, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes)
        {
            return null;
        }

        var buffer = new byte[Math.Min(maxBytes + 1, (int?)declaredLength + 1 ?? FirstBuffer)];
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

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return length > maxBytes ? null : buffer.AsMemory(0, length);
            }

            length += read;
        }
    }

    /// <summary>The content as UTF-8 text, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadStringAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await ReadAsync(stream, content.Headers.ContentLength, maxBytes, cancellationToken) is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null;
    }
}
