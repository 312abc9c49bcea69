using System.Text;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>Reads a body of at most a given size: a larger one (declared or streamed) is not read past the limit.</summary>
internal static class GoogleBoundedBody
{
    /// <summary>The body's bytes, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes)
        {
            return null;
        }

        var buffer = new byte[maxBytes + 1];
        var read = 0;
        int last;
        while (read < buffer.Length && (last = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += last;
        }

        return read > maxBytes ? null : buffer[..read];
    }

    /// <summary>The content as UTF-8 text, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadStringAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var bytes = await ReadAsync(stream, content.Headers.ContentLength, maxBytes, cancellationToken);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }
}
