using MailKit;
using MimeKit;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// A fetched message summary (ENVELOPE, the threading and bulk headers, INTERNALDATE) as a <see cref="MailItem"/>: drafts
/// skipped, group addresses flattened, the send time from the Date header else INTERNALDATE, and a message with neither
/// reported malformed. Message-ID, References and In-Reply-To are the raw header values, as Gmail reports them, so the same
/// message read here and from Gmail or Graph has the same keys.
/// </summary>
internal static class ImapMessages
{
    /// <summary>References kept of one message: the thread's root (the first) and the most recent ones.</summary>
    public const int MaxReferences = 100;

    /// <summary>Longer than any real Message-ID (RFC 5322 lines end at 998): such a value is no id.</summary>
    public const int MaxMessageIdChars = 998;

    public static readonly IReadOnlyList<string> HeaderNames =
        ["Message-ID", "References", "In-Reply-To", .. Privacy.BulkMail.Headers];

    public static readonly FetchRequest ListingRequest = new(
        MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.InternalDate | MessageSummaryItems.Size | MessageSummaryItems.Flags,
        HeaderNames);

    public static void AddTo(PageBuilder<MailItem> page, string role, uint uidValidity, IMessageSummary summary)
    {
        var id = ImapMailIds.Of(role, uidValidity, summary.UniqueId.Id);
        if (summary.Flags is { } flags && flags.HasFlag(MessageFlags.Draft))
        {
            return;
        }

        var envelope = summary.Envelope;
        if ((envelope?.Date ?? summary.InternalDate) is not { } sentAt)
        {
            page.Malformed.Add(new MalformedItem(id, "no readable Date header or INTERNALDATE"));
            return;
        }

        page.Items.Add(ItemOf(id, role, summary.Headers, envelope, sentAt));
    }

    private static MailItem ItemOf(string id, string role, HeaderList? headers, Envelope? envelope, DateTimeOffset sentAt)
    {
        var omitted = 0;
        var (to, cc, bcc) = (Bounded(envelope?.To, ref omitted), Bounded(envelope?.Cc, ref omitted), Bounded(envelope?.Bcc, ref omitted));
        return new MailItem(
            id,
            MessageId(headers?["Message-ID"]) ?? MessageId(envelope?.MessageId is { Length: > 0 } bare ? $"<{bare}>" : null),
            null,
            References(headers?["References"]),
            MessageId(headers?["In-Reply-To"]),
            TextLimits.Line(envelope?.Subject),
            First(envelope?.From),
            First(envelope?.Sender),
            to,
            cc,
            bcc,
            sentAt,
            null,
            ImapMailIds.FolderOf(role),
            omitted);
    }

    /// <summary>A raw Message-ID or In-Reply-To value, trimmed; null when blank or absurdly long.</summary>
    public static string? MessageId(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxMessageIdChars ? null : value.Trim();

    /// <summary>The References header split at whitespace (as Gmail's reader does), at most <see cref="MaxReferences"/>: the root and the latest.</summary>
    public static IReadOnlyList<string> References(string? header)
    {
        var all = (header ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var usable = all.Where(r => r.Length <= MaxMessageIdChars).ToList();
        return usable.Count <= MaxReferences ? usable : [usable[0], .. usable.Skip(usable.Count - (MaxReferences - 1))];
    }

    private static Participant? First(InternetAddressList? list) =>
        list is null ? null : list.Mailboxes.Select(ParticipantOf).FirstOrDefault(p => p is not null);

    /// <summary>The list's mailboxes (groups flattened), at most <see cref="ParticipantCap.Max"/>; the rest only counted.</summary>
    private static List<Participant> Bounded(InternetAddressList? list, ref int omitted)
    {
        var kept = new List<Participant>();
        if (list is null)
        {
            return kept;
        }

        foreach (var mailbox in list.Mailboxes)
        {
            if (ParticipantOf(mailbox) is not { } participant)
            {
                continue;
            }

            if (kept.Count < ParticipantCap.Max)
            {
                kept.Add(participant);
            }
            else
            {
                omitted++;
            }
        }

        return kept;
    }

    private static Participant? ParticipantOf(MailboxAddress mailbox) =>
        string.IsNullOrWhiteSpace(mailbox.Address) ? null
        : new Participant(string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name, mailbox.Address);
}
