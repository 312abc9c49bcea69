using NavusoftSync.Synchronization.Providers.Imap.CalDav;
using NavusoftSync.Synchronization.Providers.Imap.Mail;

namespace NavusoftSync.Synchronization.Providers.Imap;

/// <summary>
/// Password mailboxes (provider <c>imap</c>): mail over IMAP (<see cref="ImapMailReader"/>), the calendar over CalDAV
/// (<see cref="CalDavReader"/>) when the link has a CalDAV account, else an empty calendar.
/// </summary>
internal sealed class ImapReader(ImapMailReader mail, CalDavReader calendar) : IProviderReader
{
    public const string ProviderName = "imap";

    public string Provider => ProviderName;

    public IAsyncEnumerable<ProviderPage<MailItem>> ReadMailAsync(MailboxAccess access, string? cursor, MailWindow window, CancellationToken cancellationToken) =>
        mail.ReadAsync(access, cursor, window, cancellationToken);

    public IAsyncEnumerable<ProviderPage<CalendarItem>> ReadCalendarAsync(MailboxAccess access, string? cursor, CalendarWindow window, CancellationToken cancellationToken) =>
        calendar.ReadAsync(access, cursor, window, cancellationToken);

    public Task<IReadOnlyDictionary<string, MessageContent>> ReadBodiesAsync(MailboxAccess access, IReadOnlyCollection<string> providerIds, CancellationToken cancellationToken) =>
        mail.ReadBodiesAsync(access, providerIds, cancellationToken);

    public IAsyncEnumerable<ProviderPage<MailItem>> SearchMailAsync(MailboxAccess access, IReadOnlyCollection<string> addresses, MailWindow window, CancellationToken cancellationToken) =>
        mail.SearchAsync(access, addresses, window, cancellationToken);
}
