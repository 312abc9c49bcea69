using System.Threading.Channels;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>
/// Hands every mutation of a watched mailbox to <see cref="ChangeNotifier"/>, in order, together with the notifications
/// that no mutation causes (a Graph lifecycle event, a Calendar channel's first "sync"): all of a mailbox's notifications
/// reach the dispatcher in the order of what caused them, so a lifecycle event sent after a message was added never
/// overtakes that message's notification. Called under the mailbox lock, so it only writes to an unbounded channel;
/// mailboxes nobody watches cost one lookup per source.
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

    /// <summary>Queues a notification no mutation causes behind every change published before it.</summary>
    public void Publish(OutboundNotification notification) => _items.Writer.TryWrite(new FeedItem(null, notification));
}

/// <summary>A mailbox change to turn into notifications, or a notification ready to send.</summary>
internal sealed record FeedItem(MailboxChange? Change, OutboundNotification? Ready);

/// <summary>Turns each published mailbox change into notifications and queues them, and the ready ones, for delivery.</summary>
internal sealed partial class ChangeNotifier(MailboxChangeFeed feed, PushDispatcher dispatcher, ILogger<ChangeNotifier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in feed.Reader.ReadAllAsync(stoppingToken))
        {
            if (item.Ready is { } ready)
            {
                dispatcher.Enqueue(ready);
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
