namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>IMAP mail rounds: INBOX and Sent, cursors of UIDVALIDITY, highest UID and HIGHESTMODSEQ per folder.</summary>
internal sealed class ImapMailReader
{
    public IAsyncEnumerable<ProviderPage<MailItem>> ReadAsync(MailboxAccess access, string? cursor, MailWindow window, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<IReadOnlyDictionary<string, MessageContent>> ReadBodiesAsync(MailboxAccess access, IReadOnlyCollection<string> providerIds, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public IAsyncEnumerable<ProviderPage<MailItem>> SearchAsync(MailboxAccess access, IReadOnlyCollection<string> addresses, MailWindow window, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
