using System.Threading.Channels;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>
/// Hands every mutation of a watched mailbox to <see cref="ChangeNotifier"/>, in order. Called under the mailbox lock, so it
/// only writes to an unbounded channel; mailboxes nobody watches cost one lookup per source. What is sent or removed
/// outside a mutation (a Graph lifecycle event, a Calendar channel's first "sync") first waits for
/// <see cref="DrainedAsync"/>, so it never overtakes the notifications of a change made before it, nor takes a change's
/// subscription away before the change is rendered.
/// </summary>
internal sealed class MailboxChangeFeed(IEnumerable<IPushSource> sources)
{
    private readonly IPushSource[] _sources = [.. sources];
    private readonly Channel<FeedItem> _items = Channel.CreateUnbounded<FeedItem>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<FeedItem> Reader => _items.Reader;

    public IReadOnlyList<IPushSource> Sources => _sources;

    public void Publish(MailboxData before, MailboxData after)
    {
        var email = after.Identity.Email;
        if (_sources.Any(s => s.Watches(email)))
        {
            _items.Writer.TryWrite(new FeedItem(new MailboxChange(before, after), null));
        }
    }

    /// <summary>Completes once every change published before this call is rendered and its notifications queued for delivery.</summary>
    public Task DrainedAsync(CancellationToken cancellationToken)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _items.Writer.TryWrite(new FeedItem(null, drained));
        return drained.Task.WaitAsync(cancellationToken);
    }
}

/// <summary>A mailbox change to turn into notifications, or a point to signal once every earlier change is.</summary>
internal sealed record FeedItem(MailboxChange? Change, TaskCompletionSource? Drained);

/// <summary>Turns each published mailbox change into notifications and queues them for delivery.</summary>
internal sealed partial class ChangeNotifier(MailboxChangeFeed feed, PushDispatcher dispatcher, ILogger<ChangeNotifier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in feed.Reader.ReadAllAsync(stoppingToken))
        {
            if (item.Drained is { } drained)
            {
                drained.TrySetResult();
                continue;
            }

            var change = item.Change!;
            try
            {
                foreach (var notification in feed.Sources.SelectMany(s => s.Notifications(change)))
                {
                    dispatcher.Enqueue(notification);
                }
            }
            catch (Exception exception)
            {
                // One change the sources cannot render must not stop the notifications of every later change.
                LogFailed(logger, change.Email, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Provider sandbox: no notifications for a change of {Mailbox}")]
    private static partial void LogFailed(ILogger logger, string mailbox, Exception exception);
}
