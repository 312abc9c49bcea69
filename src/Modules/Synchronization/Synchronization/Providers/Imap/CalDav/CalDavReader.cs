namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>CalDAV calendar rounds: sync-collection per calendar with its token, ctag/ETag comparison where the server has none.</summary>
internal sealed class CalDavReader
{
    public IAsyncEnumerable<ProviderPage<CalendarItem>> ReadAsync(MailboxAccess access, string? cursor, CalendarWindow window, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
