using System.Text.RegularExpressions;
using NavusoftSync.Linking.Contracts;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>The quota a request draws on: the provider API whose per-mailbox limit it counts against, and its units.</summary>
internal sealed record QuotaCost(string? Api, int Units)
{
    /// <summary>A request no per-mailbox quota counts (IMAP, CalDAV, an unknown path): it spends nothing.</summary>
    public static readonly QuotaCost None = new(null, 0);
}

/// <summary>
/// What a provider request costs against the mailbox's quota, from its method and path: Gmail's published units per method
/// (<c>messages.get</c>/<c>messages.list</c> 5, <c>history.list</c> 2, <c>getProfile</c> 1, <c>watch</c> 100, <c>stop</c> 50,
/// any other 5), Google Calendar 1 per request, Graph 1 per request. A batch costs the sum of its inner requests (Gmail and
/// Calendar multipart batches by their request lines, a Graph JSON <c>$batch</c> by its <c>"method"</c> entries).
/// </summary>
internal static partial class ProviderQuotaCosts
{
    public const string Gmail = "gmail";
    public const string Calendar = "calendar";
    public const string Graph = "graph";

    public static async ValueTask<QuotaCost> OfAsync(string provider, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (!IsBatch(path) || request.Content is null)
        {
            return Of(provider, request.Method.Method, path);
        }

        var body = await request.Content.ReadAsStringAsync(cancellationToken);
        return provider == LinkProviders.Microsoft ? GraphBatch(body) : GoogleBatch(path, body);
    }

    /// <summary>Google's <c>/batch/gmail/v1</c>, <c>/batch/calendar/v3</c> and Graph's <c>/v1.0/$batch</c>.</summary>
    private static bool IsBatch(string path) =>
        path.Contains("/batch/", StringComparison.OrdinalIgnoreCase) || path.TrimEnd('/').EndsWith("/$batch", StringComparison.OrdinalIgnoreCase);

    /// <summary>The cost of one (not batched) request.</summary>
    public static QuotaCost Of(string provider, string method, string path) => provider switch
    {
        LinkProviders.Microsoft => new QuotaCost(Graph, 1),
        LinkProviders.Google when path.Contains("/gmail/", StringComparison.OrdinalIgnoreCase) => new QuotaCost(Gmail, GmailUnits(method, path)),
        LinkProviders.Google when path.Contains("/calendar/", StringComparison.OrdinalIgnoreCase) => new QuotaCost(Calendar, 1),
        _ => QuotaCost.None,
    };

    /// <summary>Gmail's units for one method, recognised from the path's last segment (<c>users/me/watch</c>, <c>users/me/history</c>, …).</summary>
    public static int GmailUnits(string method, string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..].ToLowerInvariant() switch
        {
            "watch" when method == "POST" => 100,
            "stop" when method == "POST" => 50,
            "history" => 2,
            "profile" => 1,
            _ => 5, // messages.get, messages.list and every other method
        };
    }

    private static QuotaCost GoogleBatch(string path, string body)
    {
        var inner = InnerRequestLine().Matches(body);
        var api = path.Contains("calendar", StringComparison.OrdinalIgnoreCase) ? Calendar : Gmail;
        var units = inner.Sum(m => api == Gmail ? GmailUnits(m.Groups[1].Value, m.Groups[2].Value.Split('?')[0]) : 1);
        return new QuotaCost(api, Math.Max(1, units));
    }

    private static QuotaCost GraphBatch(string body) => new(Graph, Math.Max(1, GraphInnerMethod().Count(body)));

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE) (\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InnerRequestLine();

    [GeneratedRegex("\"method\"\\s*:", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GraphInnerMethod();
}
