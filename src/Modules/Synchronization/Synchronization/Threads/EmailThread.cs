using System.Text.Json.Serialization;
using NavusoftSync.Synchronization.Privacy.Marking;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Threads;

/// <summary>
/// A recorded message as the decisions see it: its key, when it was sent (the thread's order and start), and the
/// fingerprint that tells a copy of it from a different message reusing its Message-ID. Its content (people, snippet,
/// body) stays in <see cref="ThreadMessageRecorded"/> and in the Calendar module's read model.
/// </summary>
[JsonConverter(typeof(ThreadMessageJson))]
/// <c>Bulk</c>: the message is bulk mail (<see cref="ThreadMessageRecorded.Bulk"/>), kept so a later "exclude bulk" policy
/// can take the thread off.
internal sealed record ThreadMessage(string MessageKey, DateTimeOffset SentAt, MessageFingerprint Fingerprint, bool Bulk = false);

/// <summary>Which mailbox (user, link) holds which message.</summary>
internal sealed record MessageHolder(string MessageKey, string UserId, string LinkId);

/// <summary>
/// An email thread of the tenant: the write-side state of a thread stream, holding what the decisions read (message
/// keys and fingerprints, holders, matched accounts) and the thread's subject and start. <c>MarkedPrivateBy</c>: the users
/// whose last mark made it private (absent, so none, in snapshots written before it existed). <c>Erased</c>: an admin
/// erased it; the thread is a tombstone that no decision appends to again. A thread a privacy rule erased has no state.
/// </summary>
internal sealed record EmailThread(
    string Id,
    string Subject,
    DateTimeOffset StartedAt,
    IReadOnlyList<ThreadMessage> Messages,
    IReadOnlyList<MessageHolder> Holders,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Accounts,
    IReadOnlyList<string>? MarkedPrivateBy = null,
    bool Erased = false)
{
    /// <summary>
    /// The one evolve of a thread stream: folds one event onto a state (null before the first message). The recorders
    /// fold with it and Marten's inline snapshot (<see cref="EmailThreadProjection"/>) calls it, so both hold the same state.
    /// </summary>
    public static EmailThread? Fold(EmailThread? state, object e) => (state, e) switch
    {
        (null, ThreadMessageRecorded x) => new(x.ThreadKey, x.Subject, x.SentAt, [Message(x)], [], new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)),
        ({ Erased: true }, _) => state,
        (_, ThreadErased { Final: true } x) => Tombstone(x.ThreadKey),
        (not null, ThreadMessageRecorded x) => state.Recorded(x),
        (not null, ThreadMessageHeld x) => state with { Holders = [.. state.Holders, new MessageHolder(x.MessageKey, x.UserId, x.LinkId)] },
        (not null, ThreadMessageReleased x) =>
            state with { Holders = [.. state.Holders.Where(h => h != new MessageHolder(x.MessageKey, x.UserId, x.LinkId))] },
        (not null, ThreadAccountMatched x) =>
            state with { Accounts = new Dictionary<string, IReadOnlyList<string>>(state.Accounts, StringComparer.Ordinal) { [x.AccountId] = x.MatchedContacts } },
        (not null, ThreadAccountUnmatched x) =>
            state with { Accounts = state.Accounts.Where(a => a.Key != x.AccountId).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) },
        (not null, ThreadMarkedPrivate x) => state with { MarkedPrivateBy = ItemMarks.Marked(state.MarkedPrivateBy, x.UserId, x.Private) },
        (not null, ThreadErased) => null,
        _ => state,
    };

    /// <summary>What stays of a thread an admin erased: its key, and that it is erased.</summary>
    private static EmailThread Tombstone(string id) =>
        new(id, string.Empty, DateTimeOffset.MinValue, [], [], new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), null, Erased: true);

    public bool IsHeldBy(string userId) => Holders.Any(h => h.UserId == userId);

    public bool IsMarkedPrivateBy(string userId) => MarkedPrivateBy?.Contains(userId, StringComparer.Ordinal) ?? false;

    private EmailThread Recorded(ThreadMessageRecorded e)
    {
        var first = e.SentAt < StartedAt;
        return this with
        {
            Messages = [.. Messages.Append(Message(e)).OrderBy(m => m.SentAt)],
            StartedAt = first ? e.SentAt : StartedAt,
            Subject = first ? e.Subject : Subject,
        };
    }

    public bool Holds(string messageKey) => Messages.Any(m => m.MessageKey == messageKey);

    /// <summary>
    /// The key under which a copy with this Message-ID key and fingerprint is (or is to be) recorded: the message of that
    /// key, or one of its variants, that agrees with it; the key itself when nothing holds it yet; else a variant of its
    /// own (a different message reusing the Message-ID, whichever of the two was read first).
    /// </summary>
    public string KeyFor(string messageKey, MessageFingerprint fingerprint)
    {
        var same = Messages.FirstOrDefault(m =>
            (m.MessageKey == messageKey || MessageFingerprint.IsVariantOf(m.MessageKey, messageKey)) && m.Fingerprint.Agrees(fingerprint));
        return same?.MessageKey ?? (Holds(messageKey) ? fingerprint.VariantKey(messageKey) : messageKey);
    }

    private static ThreadMessage Message(ThreadMessageRecorded e) =>
        new(e.MessageKey, e.SentAt, MessageFingerprint.Of(e.From, e.SentAt, e.Subject, e.BodyText), e.Bulk);
}
