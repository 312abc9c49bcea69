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

    /// <summary>A contact of the account now has this address, which takes part in the thread.</summary>
    public static IReadOnlyList<object> ContactAppeared(EmailThread state, string accountId, string address, DateTimeOffset now) =>
        ContactChanges.Widen(state.Accounts, accountId, address) is { } widened
            ? [new ThreadAccountMatched(state.Id, accountId, widened, now)]
            : [];

    /// <summary>
    /// A contact of the account no longer has this address: the thread keeps the account through its
    /// other matched addresses, or leaves its calendar (by event: the history stays).
    /// </summary>
    public static IReadOnlyList<object> ContactDisappeared(EmailThread state, string accountId, string address, DateTimeOffset now) =>
        ContactChanges.Narrow(state.Accounts, accountId, address) switch
        {
            null => [],
            [] => [new ThreadAccountUnmatched(state.Id, accountId, now)],
            var rest => [new ThreadAccountMatched(state.Id, accountId, rest, now)],
        };

}
