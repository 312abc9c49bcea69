using Marten;
using NavusoftSync.Synchronization.Recording;

namespace NavusoftSync.Synchronization.Runs.Checks;

/// <summary>Which provider ids a link has stored: its mailbox entries (<see cref="MailboxMessageEntry"/>) and calendar entries (<see cref="CalendarOccurrenceEntry"/>).</summary>
internal sealed class LinkItemIndex(IQuerySession session, string linkId)
{
    private const int Chunk = 500;

    public async Task<IReadOnlySet<string>> StoredMailAsync(IEnumerable<string> providerIds, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in providerIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var entries = await session.LoadManyAsync<MailboxMessageEntry>(cancellationToken, chunk.Select(id => MailboxMessageEntry.KeyOf(linkId, id)));
            stored.UnionWith(entries.Select(e => ProviderIdOf(e.Id)));
        }

        return stored;
    }

    public async Task<IReadOnlySet<string>> StoredCalendarAsync(IEnumerable<string> providerIds, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in providerIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var entries = await session.LoadManyAsync<CalendarOccurrenceEntry>(cancellationToken, chunk.Select(id => CalendarOccurrenceEntry.KeyOf(linkId, id)));
            stored.UnionWith(entries.Select(e => ProviderIdOf(e.Id)));
        }

        return stored;
    }

    /// <summary>The provider id of an entry id "{linkId}|{providerId}".</summary>
    private string ProviderIdOf(string entryId) => entryId[(linkId.Length + 1)..];
}
