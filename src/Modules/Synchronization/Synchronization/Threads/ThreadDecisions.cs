using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Threads;

/// <summary>
/// Pure decisions on a thread stream. Each is idempotent: deciding again on the state the first
/// decision produced yields no event, so replaying a page, a second run or a full resync appends
/// nothing twice.
/// </summary>
internal static class ThreadDecisions
{
    /// <summary>A matched message read from one user's mailbox.</summary>
    public static IReadOnlyList<object> Record(
        EmailThread? state, string threadKey, string messageKey, MailItem message, string? bodyText,
        string userId, string linkId, ContactMatches matches, DateTimeOffset now)
    {
        var events = new List<object>();
        if (state is null || !state.Holds(messageKey))
        {
            events.Add(new ThreadMessageRecorded(
                threadKey, messageKey, message.Subject, message.From, message.To, message.Cc, message.SentAt, message.Snippet, bodyText, now));
        }

        if (state is null || !state.Holders.Contains(new MessageHolder(messageKey, userId, linkId)))
        {
            events.Add(new ThreadMessageHeld(threadKey, messageKey, userId, linkId, now));
        }

        foreach (var (accountId, addresses) in matches.ByAccount)
        {
            var known = state?.Accounts.GetValueOrDefault(accountId) ?? [];
            var union = known.Union(addresses, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (union.Count != known.Count)
            {
                events.Add(new ThreadAccountMatched(threadKey, accountId, union, now));
            }
        }

        return events;
    }

    /// <summary>The message is no longer in that mailbox.</summary>
    public static IReadOnlyList<object> Release(EmailThread? state, string messageKey, string userId, string linkId, DateTimeOffset now) =>
        state is not null && state.Holders.Contains(new MessageHolder(messageKey, userId, linkId))
            ? [new ThreadMessageReleased(state.Id, messageKey, userId, linkId, now)]
            : [];

    /// <summary>
    /// Contacts changed: <paramref name="current"/> is what all the thread's participants match now.
    /// Accounts whose matched addresses changed are re-matched; accounts no longer matched are
    /// unmatched (by event: the history stays).
    /// </summary>
    public static IReadOnlyList<object> Rematch(EmailThread state, ContactMatches current, DateTimeOffset now)
    {
        var events = new List<object>();
        foreach (var (accountId, addresses) in current.ByAccount)
        {
            if (!state.Accounts.TryGetValue(accountId, out var known) || !known.SequenceEqual(addresses, StringComparer.Ordinal))
            {
                events.Add(new ThreadAccountMatched(state.Id, accountId, addresses, now));
            }
        }

        events.AddRange(state.Accounts.Keys
            .Where(a => !current.ByAccount.ContainsKey(a))
            .Order(StringComparer.Ordinal)
            .Select(a => new ThreadAccountUnmatched(state.Id, a, now)));
        return events;
    }

    /// <summary>Every participant address of every message of the thread.</summary>
    public static IReadOnlyList<string> Participants(EmailThread state) =>
        ContactMatches.AddressesOf(state.Messages.SelectMany(m => new[] { m.From }.Concat(m.To).Concat(m.Cc)));
}
