using System.Threading.Channels;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>
/// Hands every mutation of a watched mailbox to <see cref="ChangeNotifier"/>, in order. Called under the mailbox lock, so it
/// only writes to an unbounded channel; mailboxes nobody watches cost one lookup per source.
/// </summary>
internal sealed class MailboxChangeFeed(IEnumerable<IPushSource> sources)
{
    private readonly IPushSource[] _sources = [.. sources];
    private readonly Channel<MailboxChange> _changes = Channel.CreateUnbounded<MailboxChange>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<MailboxChange> Reader => _changes.Reader;

    public IReadOnlyList<IPushSource> Sources => _sources;

    public void Publish(MailboxData before, MailboxData after)
    {
        var email = after.Identity.Email;
        if (_sources.Any(s => s.Watches(email)))
        {
            _changes.Writer.TryWrite(new MailboxChange(before, after));
        }
    }
}

/// <summary>Turns each published mailbox change into notifications and queues them for delivery.</summary>
internal sealed partial class ChangeNotifier(MailboxChangeFeed feed, PushDispatcher dispatcher, ILogger<ChangeNotifier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in feed.Reader.ReadAllAsync(stoppingToken))
        {
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
