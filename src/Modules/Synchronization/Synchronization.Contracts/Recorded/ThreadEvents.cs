namespace NavusoftSync.Synchronization.Contracts.Recorded;

/// <summary>
/// A message of the thread, recorded once whoever's mailbox it came from. <c>BodyTruncated</c>: the body was longer than
/// is kept and was cut (absent, so false, in events recorded before it existed). <c>Bulk</c>: the message carried a
/// bulk mark (<c>List-Unsubscribe</c>, <c>List-Id</c>, <c>Precedence: bulk/list/junk</c>, <c>Auto-Submitted</c>) or came
/// from a no-reply address, kept so a later "exclude bulk" policy can take it off (absent, so false, before it existed).
/// </summary>
public sealed record ThreadMessageRecorded(
    string ThreadKey,
    string MessageKey,
    string Subject,
    Participant? From,
    IReadOnlyList<Participant> To,
    IReadOnlyList<Participant> Cc,
    DateTimeOffset SentAt,
    string? Snippet,
    string? BodyText,
    DateTimeOffset At,
    bool BodyTruncated = false,
    bool Bulk = false);

/// <summary>A linked user's mailbox holds this message of the thread.</summary>
public sealed record ThreadMessageHeld(string ThreadKey, string MessageKey, string UserId, string LinkId, DateTimeOffset At);

/// <summary>The message left that mailbox (deleted there, or the link was removed).</summary>
public sealed record ThreadMessageReleased(string ThreadKey, string MessageKey, string UserId, string LinkId, DateTimeOffset At);

/// <summary>The thread is on the account's calendar because these contact addresses took part.</summary>
public sealed record ThreadAccountMatched(string ThreadKey, string AccountId, IReadOnlyList<string> MatchedContacts, DateTimeOffset At);

/// <summary>No address of the account's contacts takes part any more (a contact removed or re-addressed).</summary>
public sealed record ThreadAccountUnmatched(string ThreadKey, string AccountId, DateTimeOffset At);
