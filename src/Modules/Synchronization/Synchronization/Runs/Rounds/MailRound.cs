using System.Runtime.CompilerServices;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs.Planning;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>A matched message with its body and threading headers as read (absent when the provider had none).</summary>
internal sealed record MatchedMessage(Matched<MailItem> Matched, MessageContent? Content);

/// <summary>
/// The mailbox's changes since the mail cursor (inbox and sent), or the whole mail window when there is none: matched
/// messages' bodies read, recorded into threads, removed messages released, the mail cursor advanced.
/// </summary>
/// <param name="coveredThrough">
/// For a round reading the whole window: the event store's high-water mark read before its first page
/// (<see cref="SyncCursors.MailCoveredThrough"/>); null for a round resuming from a cursor.
/// </param>
/// <param name="contacts">
/// For a round reading the whole window: the tenant's contact addresses for a planned read (<see cref="MailWindow.Contacts"/>),
/// read when the round starts reading, after <paramref name="coveredThrough"/> was read; null when the reader does not plan
/// or the configuration scans.
/// </param>
internal sealed class MailRound(
    RunMailbox mailbox, ThreadRecorder threads, string? cursor, MailWindow window, long? coveredThrough,
    FirstSyncContactList? contacts)
    : ISyncRound<MailItem, MatchedMessage>
{
    public async IAsyncEnumerable<ProviderPage<MailItem>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var read = cursor is null && contacts is not null ? window with { Contacts = await contacts.ReadAsync(cancellationToken) } : window;
        await foreach (var page in mailbox.Reader.ReadMailAsync(mailbox.Access, cursor, read, cancellationToken))
        {
            yield return page;
        }
    }

    public Task<IReadOnlyList<MatchedMessage>> FetchAsync(IReadOnlyList<Matched<MailItem>> matched, CancellationToken cancellationToken) =>
        BodiesOf(mailbox, matched, cancellationToken);

    public string? FilteredBy(MatchedMessage ready, PrivacyFilter privacy) => BulkFilter(ready, privacy);

    public Task<SyncCounts> RecordAsync(IReadOnlyList<MatchedMessage> ready, CancellationToken cancellationToken) =>
        Record(threads, mailbox.Owner, ready, cancellationToken);

    public async Task<SyncCounts> ReleaseAsync(IReadOnlyList<RemovedItem> removed, CancellationToken cancellationToken) =>
        SyncCounts.Recorded(await threads.ReleaseAsync(mailbox.Owner, removed, cancellationToken), 0);

    public SyncCursors Advance(SyncCursors cursors, string cursorAfter) =>
        cursors with { Mail = cursorAfter, MailCoveredThrough = coveredThrough ?? cursors.MailCoveredThrough };

    /// <summary>The matched messages' bodies, read in one call to the provider.</summary>
    public static async Task<IReadOnlyList<MatchedMessage>> BodiesOf(RunMailbox mailbox, IReadOnlyList<Matched<MailItem>> matched, CancellationToken cancellationToken)
    {
        var contents = await mailbox.Reader.ReadBodiesAsync(mailbox.Access, [.. matched.Select(m => m.Item.ProviderId)], cancellationToken);
        return [.. matched.Select(m => new MatchedMessage(m, contents.GetValueOrDefault(m.Item.ProviderId)))];
    }

    /// <summary>A message whose headers mark it as bulk mail, read with its body, is filtered when the policy excludes bulk.</summary>
    public static string? BulkFilter(MatchedMessage ready, PrivacyFilter privacy) =>
        privacy.ExcludeBulk && ready.Content?.Bulk == true ? FilterRules.Bulk : null;

    /// <summary>The messages recorded into their threads (<see cref="ThreadRecorder"/>).</summary>
    public static Task<SyncCounts> Record(ThreadRecorder threads, MailboxOwner owner, IReadOnlyList<MatchedMessage> ready, CancellationToken cancellationToken)
    {
        var contents = new Dictionary<string, MessageContent>(StringComparer.Ordinal);
        foreach (var (matched, content) in ready)
        {
            if (content is not null)
            {
                contents[matched.Item.ProviderId] = content;
            }
        }

        return threads.RecordAsync(owner, [.. ready.Select(r => r.Matched)], contents, cancellationToken);
    }
}
