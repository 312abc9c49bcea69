using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Threads;

/// <summary>
/// Pure decisions on a thread stream. Each is idempotent: deciding again on the state the first
/// decision produced yields no event, so replaying a page, a second run or a full resync appends
/// nothing twice.
/// </summary>
internal static class ThreadDecisions
{
    /// <summary>
    /// A matched message read from one user's mailbox, recorded under <see cref="KeyOf"/>: a copy whose Message-ID is known
    /// but whose fingerprint differs is another message, never merged into the one already recorded. What goes into the
    /// event is bounded (<see cref="TextLimits"/>) whatever read it. A thread an admin erased records nothing again.
    /// </summary>
    public static IReadOnlyList<object> Record(
        EmailThread? state, string threadKey, MessageCopy copy, HoldingMailbox mailbox, ContactMatches matches, DateTimeOffset now)
    {
        if (state is { Erased: true })
        {
            return [];
        }

        var message = Bounded(copy.Message);
        var body = TextLimits.Body(copy.BodyText, copy.BodyTruncated);
        var key = KeyOf(state, copy);
        var events = new List<object>();
        if (state is null || !state.Holds(key))
        {
            events.Add(new ThreadMessageRecorded(
                threadKey, key, message.Subject, message.From, message.To, message.Cc, message.SentAt, message.Snippet, body.Text, now, body.Truncated, copy.Bulk));
        }

        if (state is null || !state.Holders.Contains(new MessageHolder(key, mailbox.UserId, mailbox.LinkId)))
        {
            events.Add(new ThreadMessageHeld(threadKey, key, mailbox.UserId, mailbox.LinkId, now));
        }

        events.AddRange(MatchedAccounts.Widened(state?.Accounts, matches.ByAccount.Select(m => (m.Key, m.Value))).Select(a => new ThreadAccountMatched(threadKey, a.AccountId, a.Addresses, now)));
        return events;
    }

    /// <summary>The key this copy of the message is recorded and held under (see <see cref="EmailThread.KeyFor"/>).</summary>
    public static string KeyOf(EmailThread? state, MessageCopy copy)
    {
        var message = Bounded(copy.Message);
        var fingerprint = MessageFingerprint.Of(message.From, message.SentAt, message.Subject, TextLimits.Body(copy.BodyText).Text);
        return state?.KeyFor(copy.MessageKey, fingerprint) ?? copy.MessageKey;
    }

    private static MailItem Bounded(MailItem m) => m with
    {
        Subject = TextLimits.Line(m.Subject),
        Snippet = TextLimits.OptionalLine(m.Snippet),
        From = m.From is null ? null : TextLimits.Participant(m.From),
        To = [.. m.To.Select(TextLimits.Participant)],
        Cc = [.. m.Cc.Select(TextLimits.Participant)],
    };

    /// <summary>The message is no longer in that mailbox.</summary>
    public static IReadOnlyList<object> Release(EmailThread? state, string messageKey, string userId, string linkId, DateTimeOffset now) =>
        state is not null && state.Holders.Contains(new MessageHolder(messageKey, userId, linkId))
            ? [new ThreadMessageReleased(state.Id, messageKey, userId, linkId, now)]
            : [];

    /// <summary>A contact of the account now has this address, which takes part in the thread.</summary>
    public static IReadOnlyList<object> ContactAppeared(EmailThread state, string accountId, string address, DateTimeOffset now) =>
        !state.Erased && ContactChanges.Widen(state.Accounts, accountId, address) is { } widened
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

    /// <summary>A user whose mailbox holds the thread marks it private, or not (the caller checked that it holds it).</summary>
    public static IReadOnlyList<object> MarkPrivate(EmailThread state, string userId, bool marked, DateTimeOffset now) =>
        state.IsMarkedPrivateBy(userId) == marked ? [] : [new ThreadMarkedPrivate(state.Id, userId, marked, now)];

    /// <summary>
    /// The thread's content is erased: once by an admin (<paramref name="final"/>: a tombstone), and by a privacy rule only
    /// while it has a state (a thread a rule erased has none until it is recorded again).
    /// </summary>
    public static IReadOnlyList<object> Erase(EmailThread? state, string threadKey, string erasedBy, string reason, bool final, DateTimeOffset now) =>
        state is { Erased: true } || (state is null && !final) ? [] : [new ThreadErased(threadKey, erasedBy, reason, final, now)];
}
