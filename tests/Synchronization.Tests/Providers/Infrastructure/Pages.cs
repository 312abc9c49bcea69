using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Tests.Providers.Infrastructure;

internal static class Pages
{
    public static async Task<List<ProviderPage<T>>> ReadAllAsync<T>(this IAsyncEnumerable<ProviderPage<T>> pages)
    {
        var all = new List<ProviderPage<T>>();
        await foreach (var page in pages)
        {
            all.Add(page);
        }

        return all;
    }

    public static List<T> Items<T>(this IEnumerable<ProviderPage<T>> pages) => [.. pages.SelectMany(p => p.Items)];

    public static List<string> RemovedIds<T>(this IEnumerable<ProviderPage<T>> pages) => [.. pages.SelectMany(p => p.Removed).Select(r => r.ProviderId)];

    public static string? FinalCursor<T>(this IReadOnlyList<ProviderPage<T>> pages)
    {
        Assert.NotEmpty(pages);
        Assert.All(pages.Take(pages.Count - 1), p => Assert.Null(p.CursorAfter));
        return pages[^1].CursorAfter;
    }
}
