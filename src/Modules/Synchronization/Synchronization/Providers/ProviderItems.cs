using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers;

/// <summary>What a run's page loop asks of any provider item, whatever its kind (a message, a meeting occurrence).</summary>
internal interface IParticipantItem<TSelf>
    where TSelf : IParticipantItem<TSelf>
{
    /// <summary>The provider's id: the only thing logged or listed about an item that is skipped.</summary>
    string ProviderId { get; }

    /// <summary>Participants the cap dropped (<see cref="ParticipantCap"/>).</summary>
    int ParticipantsOmitted { get; }

    /// <summary>Every participant, in header order, as matching reads them.</summary>
    IEnumerable<Participant?> Participants();

    /// <summary>The item with its participants cleaned and capped (<see cref="ParticipantCap"/>).</summary>
    TSelf Capped();

    /// <summary>Whether its sender alone marks it as bulk mail (a no-reply From, <see cref="Privacy.BulkMail.IsNoReply"/>); a meeting never is.</summary>
    bool IsFromNoReply();
}

/// <summary>A message as any provider reports it, reduced to what matching and recording need.</summary>
/// <param name="ProviderId">The provider's message id (Graph immutable id, Gmail id): the only thing logged about an unmatched message.</param>
/// <param name="InternetMessageId">RFC 5322 Message-ID, with angle brackets as sent.</param>
/// <param name="ProviderThreadId">Graph conversationId or Gmail threadId.</param>
/// <param name="References">Message-IDs of the References header, oldest first (Gmail; Graph gives none).</param>
/// <param name="InReplyTo">Message-ID of In-Reply-To, when known.</param>
/// <param name="Folder"><c>inbox</c>, <c>sentitems</c> (Graph) or the Gmail labels' equivalent.</param>
/// <param name="ParticipantsOmitted">Participants beyond <see cref="ParticipantCap.Max"/> that were dropped (see <see cref="ParticipantCap"/>).</param>
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
    string Folder,
    int ParticipantsOmitted = 0) : IParticipantItem<MailItem>
{
    public IEnumerable<Participant?> Participants() => [From, Sender, .. To, .. Cc, .. Bcc];

    public MailItem Capped() => ParticipantCap.Apply(this);

    public bool IsFromNoReply() => Privacy.BulkMail.IsNoReply(From?.Address);
}

/// <summary>One meeting occurrence (or single meeting) as any provider reports it.</summary>
/// <param name="ProviderId">The provider's id of this occurrence.</param>
/// <param name="ICalUid">The meeting's series-wide iCalendar UID (Google: iCalUID; Graph: iCalUId, and for occurrences the series master's, since Graph gives each occurrence its own).</param>
/// <param name="SeriesId">Graph seriesMasterId or Google recurringEventId, for recurring occurrences.</param>
/// <param name="OriginalStart">Google originalStartTime / Graph originalStart for recurring occurrences.</param>
/// <param name="ParticipantsOmitted">Attendees beyond <see cref="ParticipantCap.Max"/> that were dropped (see <see cref="ParticipantCap"/>).</param>
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
    bool DescriptionTruncated = false,
    int ParticipantsOmitted = 0) : IParticipantItem<CalendarItem>
{
    public IEnumerable<Participant?> Participants() => [Organizer, .. Attendees.Select(a => new Participant(a.Name, a.Address))];

    public CalendarItem Capped() => ParticipantCap.Apply(this);

    public bool IsFromNoReply() => false;
}

/// <summary>
/// At most <see cref="Max"/> participants per item, whatever the provider sent (a reply-all storm, or an
/// outsider's crafted To/Cc of thousands): the first ones are kept in header order (From, Sender, then To,
/// Cc and Bcc; the organizer, then the attendees) and the rest only counted. Matching, recording and the
/// contact lookup then see a bounded list, so no single item can make a page's lookup or record too large.
/// Names and addresses are cleaned first (<see cref="Reading.TextLimits.Participant"/>: no NUL, control,
/// bidi or zero-width characters, bounded lengths), so an address PostgreSQL would refuse in an index entry
/// cannot keep the rest of its item off the calendar; a participant left without an address is dropped.
/// Both providers' items pass through here as the run takes each page.
/// </summary>
internal static class ParticipantCap
{
    public const int Max = 500;

    public static MailItem Apply(MailItem item)
    {
        var (from, sender, cleanTo, cleanCc, cleanBcc) = (Clean(item.From), Clean(item.Sender), Clean(item.To), Clean(item.Cc), Clean(item.Bcc));
        if (from != item.From || sender != item.Sender || cleanTo != item.To || cleanCc != item.Cc || cleanBcc != item.Bcc)
        {
            item = item with { From = from, Sender = sender, To = cleanTo, Cc = cleanCc, Bcc = cleanBcc };
        }

        var total = (item.From is null ? 0 : 1) + (item.Sender is null ? 0 : 1) + item.To.Count + item.Cc.Count + item.Bcc.Count;
        if (total <= Max)
        {
            return item;
        }

        var room = Max - (item.From is null ? 0 : 1) - (item.Sender is null ? 0 : 1);
        var to = Take(item.To, ref room);
        var cc = Take(item.Cc, ref room);
        var bcc = Take(item.Bcc, ref room);
        return item with { To = to, Cc = cc, Bcc = bcc, ParticipantsOmitted = item.ParticipantsOmitted + total - Max };
    }

    public static CalendarItem Apply(CalendarItem item)
    {
        var (organizer, attendees) = (Clean(item.Organizer), Clean(item.Attendees));
        if (organizer != item.Organizer || attendees != item.Attendees)
        {
            item = item with { Organizer = organizer, Attendees = attendees };
        }

        var total = (item.Organizer is null ? 0 : 1) + item.Attendees.Count;
        if (total <= Max)
        {
            return item;
        }

        var room = Max - (item.Organizer is null ? 0 : 1);
        return item with { Attendees = Take(item.Attendees, ref room), ParticipantsOmitted = item.ParticipantsOmitted + total - Max };
    }

    private static Participant? Clean(Participant? p) =>
        p is null || !Reading.TextLimits.NeedsCleaning(p.Name, p.Address) ? p
        : Reading.TextLimits.Participant(p) is { Address.Length: > 0 } clean ? clean : null;

    private static IReadOnlyList<Participant> Clean(IReadOnlyList<Participant> list) =>
        list.All(p => !Reading.TextLimits.NeedsCleaning(p.Name, p.Address)) ? list : [.. list.Select(Clean).OfType<Participant>()];

    private static IReadOnlyList<Attendee> Clean(IReadOnlyList<Attendee> list) =>
        list.All(a => !Reading.TextLimits.NeedsCleaning(a.Name, a.Address)) ? list
        : [.. list.Select(Reading.TextLimits.Attendee).Where(a => a.Address.Length > 0)];

    private static IReadOnlyList<T> Take<T>(IReadOnlyList<T> list, ref int room)
    {
        var kept = Math.Min(list.Count, Math.Max(room, 0));
        room -= kept;
        return kept == list.Count ? list : [.. list.Take(kept)];
    }
}

/// <summary>
/// What is read of a matched message only: its body as text and, where the listing lacked them
/// (Graph lists no threading headers), its <c>References</c> and <c>In-Reply-To</c>.
/// <c>BodyTruncated</c> when the body was longer than a body may be kept and was cut. <c>Bulk</c> when its headers mark
/// it as bulk mail (<see cref="Privacy.BulkMail.IsBulk"/>).
/// </summary>
internal sealed record MessageContent(string? BodyText, IReadOnlyList<string> References, string? InReplyTo, bool BodyTruncated = false, bool Bulk = false)
{
    public static MessageContent Body(string text) => new(text, [], null);

    public static MessageContent Body(Reading.BoundedText text) => new(text.Text, [], null, text.Truncated);
}

/// <summary>An item the provider reports as gone (Graph <c>@removed</c>, Gmail messagesDeleted, Calendar cancelled without details).</summary>
internal sealed record RemovedItem(string ProviderId)
{
    /// <summary>
    /// Set for a calendar resource that is read whole, every occurrence at once (a CalDAV event resource): then
    /// <see cref="RemovedItem.ProviderId"/> names the resource, each of its occurrences has the provider id
    /// <c>{ProviderId}#{occurrence}</c> (<see cref="SeriesOccurrenceId"/>), and the link's occurrences of it that are not in this set are
    /// released: the empty set when the resource was deleted, the occurrences just read when it changed (an EXDATE added, the
    /// rule shortened). Null: <see cref="RemovedItem.ProviderId"/> is the one item removed. Mail ignores it.
    /// </summary>
    public IReadOnlySet<string>? SeriesKeep { get; init; }

    /// <summary>The provider id of one occurrence of a resource read whole: <paramref name="occurrence"/> is empty for a single event.</summary>
    public static string SeriesOccurrenceId(string resourceId, string occurrence) => $"{resourceId}#{occurrence}";

    /// <summary>Every occurrence of a resource read whole, except <paramref name="keep"/>, is released.</summary>
    public static RemovedItem Series(string resourceId, IReadOnlySet<string> keep) => new(resourceId) { SeriesKeep = keep };
}

/// <summary>
/// An item that could not be read: skipped with its provider id, so the rest of its page and the run go on. <see cref="Reason"/>
/// is the technical cause for the log line (it names no content: no subject, no address); a person reads
/// <see cref="Runs.RunSentences.Unreadable"/> instead.
/// </summary>
internal sealed record MalformedItem(string ProviderId, string Reason);
