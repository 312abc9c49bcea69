using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// The items one run skipped, bounded: the first <see cref="Kept"/> are listed on the run's completed event (what
/// <c>GET /api/me/links/{linkId}/runs</c> shows), the rest only counted, so a mailbox full of unreadable items cannot
/// grow one event without end.
/// </summary>
internal sealed class SkippedList
{
    public const int Kept = 100;

    private readonly List<SkippedItem> _items = [];

    public IReadOnlyList<SkippedItem> Items => _items;

    public void Add(string providerId, string reason)
    {
        if (_items.Count < Kept)
        {
            _items.Add(new SkippedItem(providerId, reason));
        }
    }

    public void Add(IEnumerable<MalformedItem> malformed)
    {
        foreach (var item in malformed)
        {
            Add(item.ProviderId, item.Reason);
        }
    }
}
