namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>Collects one provider page's items, removals and malformed items.</summary>
internal sealed class PageBuilder<TItem>
{
    public List<TItem> Items { get; } = [];

    public List<RemovedItem> Removed { get; } = [];

    public List<MalformedItem> Malformed { get; } = [];

    public bool IsEmpty => Items.Count == 0 && Removed.Count == 0 && Malformed.Count == 0;

    public ProviderPage<TItem> Build(string? cursorAfter) => new(Items, Removed, Malformed, cursorAfter);

    /// <summary>
    /// Maps one provider item into the page through <paramref name="add"/>; a payload no mapper foresaw (a null in a
    /// list, an odd shape) that makes the mapping throw makes that item malformed, with its id, instead of failing the
    /// page and every later run on it.
    /// </summary>
    public void Guard(string? providerId, Action add)
    {
        ArgumentNullException.ThrowIfNull(add);
        var (items, removed, malformed) = (Items.Count, Removed.Count, Malformed.Count);
        try
        {
            add();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Items.RemoveRange(items, Items.Count - items);
            Removed.RemoveRange(removed, Removed.Count - removed);
            Malformed.RemoveRange(malformed, Malformed.Count - malformed);
            Malformed.Add(new MalformedItem(string.IsNullOrWhiteSpace(providerId) ? "(none)" : providerId, $"an unreadable item ({exception.GetType().Name})"));
        }
    }
}
