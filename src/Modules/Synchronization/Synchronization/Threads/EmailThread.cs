using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Threads;

internal sealed record ThreadMessage(
    string MessageKey, string Subject, Participant? From, IReadOnlyList<Participant> To, IReadOnlyList<Participant> Cc,
    DateTimeOffset SentAt, string? Snippet, string? BodyText)
{
    /// <summary>Computed from what was recorded (snapshots and events from before fingerprints need nothing new).</summary>
    public MessageFingerprint Fingerprint() => MessageFingerprint.Of(From, SentAt, Subject, BodyText);
}

/// <summary>Which mailbox (user, link) holds which message.</summary>
internal sealed record MessageHolder(string MessageKey, string UserId, string LinkId);

/// <summary>An email thread of the tenant: write-side state of a thread stream.</summary>
internal sealed record EmailThread(
    string Id,
    string Subject,
    DateTimeOffset StartedAt,
    IReadOnlyList<ThreadMessage> Messages,
    IReadOnlyList<MessageHolder> Holders,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Accounts)
{
    public static EmailThread Create(ThreadMessageRecorded e) =>
        new(e.ThreadKey, e.Subject, e.SentAt, [Message(e)], [], new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));

    public EmailThread Apply(ThreadMessageRecorded e)
    {
        var first = e.SentAt < StartedAt;
        return this with
        {
            Messages = [.. Messages.Append(Message(e)).OrderBy(m => m.SentAt)],
            StartedAt = first ? e.SentAt : StartedAt,
            Subject = first ? e.Subject : Subject,
        };
    }

    public EmailThread Apply(ThreadMessageHeld e) => this with { Holders = [.. Holders, new MessageHolder(e.MessageKey, e.UserId, e.LinkId)] };

    public EmailThread Apply(ThreadMessageReleased e) =>
        this with { Holders = [.. Holders.Where(h => h != new MessageHolder(e.MessageKey, e.UserId, e.LinkId))] };

    public EmailThread Apply(ThreadAccountMatched e) =>
        this with { Accounts = new Dictionary<string, IReadOnlyList<string>>(Accounts, StringComparer.Ordinal) { [e.AccountId] = e.MatchedContacts } };

    public EmailThread Apply(ThreadAccountUnmatched e) =>
        this with { Accounts = Accounts.Where(a => a.Key != e.AccountId).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) };

    /// <summary>Folds one event onto a state (null before the first message), as Marten does.</summary>
    public static EmailThread? Fold(EmailThread? state, object e) => (state, e) switch
    {
        (null, ThreadMessageRecorded x) => Create(x),
        (not null, ThreadMessageRecorded x) => state.Apply(x),
        (not null, ThreadMessageHeld x) => state.Apply(x),
        (not null, ThreadMessageReleased x) => state.Apply(x),
        (not null, ThreadAccountMatched x) => state.Apply(x),
        (not null, ThreadAccountUnmatched x) => state.Apply(x),
        _ => state,
    };

    public bool Holds(string messageKey) => Messages.Any(m => m.MessageKey == messageKey);

    /// <summary>
    /// The key under which a copy with this Message-ID key and fingerprint is (or is to be) recorded: the message of that
    /// key, or one of its variants, that agrees with it; the key itself when nothing holds it yet; else a variant of its
    /// own (a different message reusing the Message-ID, whichever of the two was read first).
    /// </summary>
    public string KeyFor(string messageKey, MessageFingerprint fingerprint)
    {
        var same = Messages.FirstOrDefault(m =>
            (m.MessageKey == messageKey || MessageFingerprint.IsVariantOf(m.MessageKey, messageKey)) && m.Fingerprint().Agrees(fingerprint));
        return same?.MessageKey ?? (Holds(messageKey) ? fingerprint.VariantKey(messageKey) : messageKey);
    }

    private static ThreadMessage Message(ThreadMessageRecorded e) =>
        new(e.MessageKey, e.Subject, e.From, e.To, e.Cc, e.SentAt, e.Snippet, e.BodyText);
}
