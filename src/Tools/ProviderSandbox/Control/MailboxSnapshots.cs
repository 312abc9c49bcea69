using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Events;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>The control API's views of mailboxes and their items.</summary>
internal static class MailboxSnapshots
{
    public static MailboxSnapshot Of(Mailbox mailbox)
    {
        var data = mailbox.Current;
        return new MailboxSnapshot
        {
            Email = data.Identity.Email,
            Provider = data.Identity.Provider,
            DisplayName = data.Identity.DisplayName,
            Version = data.Version,
            HistoryId = data.HistoryId,
            Messages = [.. data.LiveMessages.OrderBy(m => m.SentAt).Select(Summary)],
            Events = [.. data.LiveEvents.OrderBy(e => e.Start).Select(Summary)],
        };
    }

    public static MailboxInfo Info(Mailbox mailbox)
    {
        var data = mailbox.Current;
        return new MailboxInfo(data.Identity.Email, data.Identity.Provider, data.Identity.DisplayName, data.LiveMessages.Count(), data.LiveEvents.Count(), data.Version);
    }

    public static MessageSummary Summary(StoredMessage m) =>
        new(m.Id, m.ThreadId, m.InternetMessageId, m.Subject, m.SentAt, m.Folder.WellKnownName());

    public static EventSummary Summary(StoredEvent e) => new(
        e.Id,
        e.ICalUId,
        e.Subject,
        e.Start,
        e.End,
        e.IsCancelled,
        e.IsSeries ? [.. Recurrences.OriginalStarts(e).Where(s => !e.CancelledOccurrences.Contains(s)).Select(s => EventInstance.OccurrenceId(e, s))] : []);
}
