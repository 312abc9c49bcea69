namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>Collects one provider page's items, removals and malformed items.</summary>
internal sealed class PageBuilder<TItem>
{
    public List<TItem> Items { get; } = [];

    public List<RemovedItem> Removed { get; } = [];

    public List<MalformedItem> Malformed { get; } = [];

    public bool IsEmpty => Items.Count == 0 && Removed.Count == 0 && Malformed.Count == 0;

    public ProviderPage<TItem> Build(string? cursorAfter) => new(Items, Removed, Malformed, cursorAfter);
}
