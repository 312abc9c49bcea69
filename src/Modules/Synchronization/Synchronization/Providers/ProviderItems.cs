using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers;

/// <summary>A message as any provider reports it, reduced to what matching and recording need.</summary>
/// <param name="ProviderId">The provider's message id (Graph immutable id, Gmail id): the only thing logged about an unmatched message.</param>
/// <param name="InternetMessageId">RFC 5322 Message-ID, with angle brackets as sent.</param>
/// <param name="ProviderThreadId">Graph conversationId or Gmail threadId.</param>
/// <param name="References">Message-IDs of the References header, oldest first (Gmail; Graph gives none).</param>
/// <param name="InReplyTo">Message-ID of In-Reply-To, when known.</param>
/// <param name="Folder"><c>inbox</c>, <c>sentitems</c> (Graph) or the Gmail labels' equivalent.</param>
internal sealed record MailItem(
    string ProviderId,
    string? InternetMessageId,
    string? ProviderThreadId,
    IReadOnlyList<string> References,
    string? InReplyTo,
    string Subject,
    Participant? From,
    Participant? Sender,
    IReadOnlyList<Participant> To,
    IReadOnlyList<Participant> Cc,
    IReadOnlyList<Participant> Bcc,
    DateTimeOffset SentAt,
    string? Snippet,
    string Folder);

/// <summary>One meeting occurrence (or single meeting) as any provider reports it.</summary>
/// <param name="ProviderId">The provider's id of this occurrence.</param>
/// <param name="ICalUid">The meeting's series-wide iCalendar UID (Google: iCalUID; Graph: iCalUId, and for occurrences the series master's, since Graph gives each occurrence its own).</param>
/// <param name="SeriesId">Graph seriesMasterId or Google recurringEventId, for recurring occurrences.</param>
/// <param name="OriginalStart">Google originalStartTime / Graph originalStart for recurring occurrences.</param>
internal sealed record CalendarItem(
    string ProviderId,
    string ICalUid,
    string? SeriesId,
    When? OriginalStart,
    string Title,
    When Start,
    When End,
    bool IsAllDay,
    string? Location,
    Participant? Organizer,
    IReadOnlyList<Attendee> Attendees,
    string? Description,
    bool IsCancelled,
    DateTimeOffset? LastModified,
    bool DescriptionTruncated = false);

/// <summary>
/// What is read of a matched message only: its body as text and, where the listing lacked them
/// (Graph lists no threading headers), its <c>References</c> and <c>In-Reply-To</c>.
/// <c>BodyTruncated</c> when the body was longer than a body may be kept and was cut.
/// </summary>
internal sealed record MessageContent(string? BodyText, IReadOnlyList<string> References, string? InReplyTo, bool BodyTruncated = false)
{
    public static MessageContent Body(string text) => new(text, [], null);

    public static MessageContent Body(Reading.BoundedText text) => new(text.Text, [], null, text.Truncated);
}

/// <summary>An item the provider reports as gone (Graph <c>@removed</c>, Gmail messagesDeleted, Calendar cancelled without details).</summary>
internal sealed record RemovedItem(string ProviderId);

/// <summary>An item that could not be read; logged with its id, counted and skipped.</summary>
internal sealed record MalformedItem(string ProviderId, string Reason);
