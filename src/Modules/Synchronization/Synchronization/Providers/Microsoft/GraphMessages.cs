using Microsoft.Graph.Models;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Contracts.Recorded;
using Attendee = NavusoftSync.Synchronization.Contracts.Recorded.Attendee;
using Participant = NavusoftSync.Synchronization.Contracts.Recorded.Participant;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>Graph messages (delta rows or list items) into a page: <c>@removed</c> rows, drafts skipped, malformed ones reported.</summary>
internal static class GraphMessages
{
    /// <summary>The only message properties the readers use (<c>$select</c>).</summary>
    public static readonly string[] Fields =
    [
        "id", "conversationId", "internetMessageId", "subject", "bodyPreview", "from", "sender", "toRecipients",
        "ccRecipients", "bccRecipients", "sentDateTime", "receivedDateTime", "isDraft", "parentFolderId",
    ];

    public static void AddTo(PageBuilder<MailItem> page, IEnumerable<Message>? messages, string folder)
    {
        foreach (var message in messages ?? [])
        {
            var id = message.Id;
            if (string.IsNullOrWhiteSpace(id))
            {
                page.Malformed.Add(new MalformedItem("(none)", "a message without an id"));
            }
            else if (message.AdditionalData?.ContainsKey("@removed") == true)
            {
                page.Removed.Add(new RemovedItem(id));
            }
            else if (message.IsDraft != true)
            {
                page.Guard(id, () => AddItem(page, message, id, folder));
            }
        }
    }

    private static void AddItem(PageBuilder<MailItem> page, Message message, string id, string folder)
    {
        if ((message.SentDateTime ?? message.ReceivedDateTime) is not { } sentAt)
        {
            page.Malformed.Add(new MalformedItem(id, "no readable sentDateTime or receivedDateTime"));
            return;
        }

        page.Items.Add(new MailItem(
            id,
            message.InternetMessageId,
            message.ConversationId,
            [],
            null,
            TextLimits.Line(message.Subject),
            Participant(message.From),
            Participant(message.Sender),
            Participants(message.ToRecipients),
            Participants(message.CcRecipients),
            Participants(message.BccRecipients),
            sentAt,
            TextLimits.OptionalLine(message.BodyPreview),
            folder));
    }

    public static Participant? Participant(Recipient? recipient) =>
        recipient?.EmailAddress is { Address: { Length: > 0 } address } email ? new Participant(TextLimits.Name(email.Name), address) : null;

    private static List<Participant> Participants(IEnumerable<Recipient>? recipients) =>
        [.. (recipients ?? []).Select(Participant).OfType<Participant>()];
}
