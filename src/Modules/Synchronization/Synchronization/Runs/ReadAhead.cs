using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// Reads a provider's pages one page ahead: while a page is matched, recorded and committed, the
/// next one is already being fetched (the two share the mailbox's concurrency gate, so the provider
/// never sees more requests at once than before). At most one page waits in the buffer, so memory
/// stays bounded by a few pages whatever the mailbox's size. An exception of the source (an expired
/// cursor, a revoked grant) reaches the reader at the page where it happened, after the pages read
/// before it; a reader that stops early cancels the fetch in flight.
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<T> OnePageAhead<T>(this IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => FillAsync(source, buffer.Writer, stop.Token), CancellationToken.None);

        try
        {
            // WaitToReadAsync rethrows the source's exception once the pages read before it are consumed.
            while (await buffer.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (buffer.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false); // never faults: its exceptions went to the buffer
        }
    }

    /// <summary>Writes the source's pages into the buffer, then completes it, with the source's exception if it threw.</summary>
    private static async Task FillAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<T> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (Exception exception)
        {
            writer.TryComplete(exception); // handed to the reader, which rethrows it
        }
    }
}
