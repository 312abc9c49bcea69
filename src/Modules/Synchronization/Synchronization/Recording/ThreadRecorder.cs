using Marten;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Recording;

/// <summary>
/// Records one page of matched messages and removals into thread streams through the scope's
/// session (the caller commits, together with the cursor the page leads to). Each thread stream is
/// fetched once per page, with optimistic concurrency, and decided message by message.
/// </summary>
internal sealed class ThreadRecorder(IDocumentSession session, TimeProvider clock)
{
    /// <returns>Events appended, and how many of the messages are new in this mailbox (the link's "emails synced").</returns>
    public async Task<SyncCounts> RecordAsync(
        MailboxOwner owner, IReadOnlyList<Matched<MailItem>> matched, IReadOnlyDictionary<string, MessageContent> contents, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var placed = await PlaceAsync(owner, [.. matched.Select(m => WithThreading(m, contents.GetValueOrDefault(m.Item.ProviderId)))], cancellationToken);
        var (appended, added) = (0, 0);
        foreach (var thread in placed.GroupBy(p => p.ThreadKey, StringComparer.Ordinal))
        {
            var stream = await session.Events.FetchForWriting<EmailThread>(thread.Key, cancellationToken);
            var state = stream.Aggregate;
            foreach (var (item, matches, _, messageKey) in thread.OrderBy(p => p.Item.SentAt))
            {
                var content = contents.GetValueOrDefault(item.ProviderId);
                var bulk = (content?.Bulk ?? false) || item.IsFromNoReply();
                var copy = new MessageCopy(messageKey, item, content?.BodyText, content?.BodyTruncated ?? false, bulk);
                var key = ThreadDecisions.KeyOf(state, copy);
                var events = ThreadDecisions.Record(state, thread.Key, copy, owner.Holding, matches, now);
                stream.AppendMany(events);
                state = events.Aggregate(state, EmailThread.Fold);
                appended += events.Count;
                added += events.OfType<ThreadMessageHeld>().Count();
                if (events.OfType<ThreadMessageRecorded>().Any())
                {
                    session.Store([.. ContactMatches.AddressesOf(item).Select(a => ParticipantEntry.For(ParticipantKind.Thread, thread.Key, a))]);
                }

                session.Store(new MailboxMessageEntry(MailboxMessageEntry.KeyOf(owner.LinkId, item.ProviderId), thread.Key, key));
            }
        }

        return SyncCounts.Recorded(appended, added);
    }

    public async Task<int> ReleaseAsync(MailboxOwner owner, IReadOnlyList<RemovedItem> removed, CancellationToken cancellationToken)
    {
        if (removed.Count == 0)
        {
            return 0;
        }

        var entries = await session.LoadManyAsync<MailboxMessageEntry>(cancellationToken, removed.Select(r => MailboxMessageEntry.KeyOf(owner.LinkId, r.ProviderId)));
        return await ReleaseAsync(entries, owner.UserId, owner.LinkId, cancellationToken);
    }

    /// <summary>These messages left the link's mailbox (removed there, or the link was removed): released by event, their entries deleted.</summary>
    public async Task<int> ReleaseAsync(IEnumerable<MailboxMessageEntry> entries, string userId, string linkId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var appended = 0;
        foreach (var thread in entries.GroupBy(e => e.ThreadKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var stream = await session.Events.FetchForWriting<EmailThread>(thread.Key, cancellationToken);
            var state = stream.Aggregate;
            foreach (var entry in thread)
            {
                var events = ThreadDecisions.Release(state, entry.MessageKey, userId, linkId, now);
                stream.AppendMany(events);
                state = events.Aggregate(state, EmailThread.Fold);
                appended += events.Count;
                session.Delete<MailboxMessageEntry>(entry.Id);
            }
        }

        return appended;
    }

    /// <summary>Threading headers read with the body fill in what the listing lacked (Graph), so a reply joins its thread.</summary>
    private static Matched<MailItem> WithThreading(Matched<MailItem> matched, MessageContent? content) =>
        content is null || matched.Item.References.Count > 0 || matched.Item.InReplyTo is not null
            ? matched
            : matched with { Item = matched.Item with { References = content.References, InReplyTo = content.InReplyTo } };

    private sealed record Placed(MailItem Item, ContactMatches Matches, string ThreadKey, string MessageKey);

    /// <summary>
    /// Finds each message's thread: a thread already holding the message, one of the messages it
    /// references or replies to, or the mailbox's provider thread; else a new thread keyed by its
    /// root (first reference, else the message itself). Every key of the message then points at it.
    /// </summary>
    private async Task<IReadOnlyList<Placed>> PlaceAsync(MailboxOwner owner, IReadOnlyList<Matched<MailItem>> matched, CancellationToken cancellationToken)
    {
        var keysOf = matched.ToDictionary(m => m.Item.ProviderId, m => Keys(owner, m.Item), StringComparer.Ordinal);
        var known = (await session.LoadManyAsync<ThreadIndexEntry>(cancellationToken, keysOf.Values.SelectMany(k => k.All).Distinct(StringComparer.Ordinal)))
            .ToDictionary(e => e.Id, e => e.ThreadKey, StringComparer.Ordinal);

        var placed = new List<Placed>(matched.Count);
        foreach (var m in matched.OrderBy(m => m.Item.SentAt))
        {
            var keys = keysOf[m.Item.ProviderId];
            var threadKey = keys.All.Select(k => known.GetValueOrDefault(k)).FirstOrDefault(t => t is not null)
                ?? ThreadKeys.NewThreadKey(keys.Root);
            foreach (var key in keys.All.Where(k => !known.ContainsKey(k)))
            {
                known[key] = threadKey;
                session.Store(new ThreadIndexEntry(key, threadKey));
            }

            placed.Add(new Placed(m.Item, m.Matches, threadKey, keys.Message));
        }

        return placed;
    }

    private sealed record MessageKeys(string Message, string Root, IReadOnlyList<string> All);

    private static MessageKeys Keys(MailboxOwner owner, MailItem item)
    {
        var message = ThreadKeys.MessageKey(item.InternetMessageId, owner.Provider, owner.Address, item.ProviderId);
        var referenced = item.References.Append(item.InReplyTo)
            .Select(ThreadKeys.NormalizeMessageId)
            .OfType<string>()
            .Select(id => $"mid:{id}")
            .ToList();
        var all = new List<string> { message };
        all.AddRange(referenced);
        if (!string.IsNullOrWhiteSpace(item.ProviderThreadId))
        {
            all.Add(ThreadKeys.ProviderThreadKey(owner.Provider, owner.Address, item.ProviderThreadId));
        }

        return new MessageKeys(message, referenced.FirstOrDefault() ?? message, [.. all.Distinct(StringComparer.Ordinal)]);
    }
}
