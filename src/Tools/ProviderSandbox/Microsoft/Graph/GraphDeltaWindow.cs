namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// The rows a delta page can draw from, rendered lazily: items in version order past the cursor's keyset, each item's
/// rows whole, until more than a page of rows past the keyset is gathered (so <see cref="GraphDeltaRound.Page"/> still
/// sees every row that can be among the page's first <c>pageSize + 1</c> in (version, id) order, and answers the same
/// page). Without it a page rendered every item of the round, so reading a mailbox of n messages cost O(n²) renders.
/// </summary>
internal static class GraphDeltaWindow
{
    public static List<GraphDeltaItem> Rows<T>(
        IEnumerable<T> items, Func<T, long> versionOf, Func<T, IEnumerable<GraphDeltaItem>> rowsOf, GraphDeltaCursor cursor, GraphPreferences preferences, bool ordered = false)
    {
        var pageSize = preferences.MaxPageSize ?? cursor.PageSize ?? GraphDeltaRound.DefaultPageSize;
        var gathered = new List<GraphDeltaItem>();
        var pastKeyset = 0;
        long? lastVersion = null;
        var candidates = items.Where(i => cursor.AfterVersion is null || versionOf(i) >= cursor.AfterVersion);
        foreach (var item in ordered ? candidates : candidates.OrderBy(versionOf))
        {
            var version = versionOf(item);
            if (pastKeyset > pageSize && version != lastVersion)
            {
                break;
            }

            foreach (var row in rowsOf(item))
            {
                gathered.Add(row);
                pastKeyset += IsPastKeyset(row, cursor) ? 1 : 0;
            }

            lastVersion = version;
        }

        return gathered;
    }

    private static bool IsPastKeyset(GraphDeltaItem row, GraphDeltaCursor cursor) =>
        cursor.AfterVersion is null || row.Version > cursor.AfterVersion
        || (row.Version == cursor.AfterVersion && string.CompareOrdinal(row.Id, cursor.AfterId) > 0);
}
