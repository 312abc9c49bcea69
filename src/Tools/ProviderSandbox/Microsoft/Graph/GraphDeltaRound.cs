using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// The paging common to every Graph delta function: reads <c>$skiptoken</c>/<c>$deltatoken</c>, answers 410
/// <c>syncStateNotFound</c> for a cursor of an expired generation, and cuts the round's rows (ordered by version, id) into pages
/// ending in <c>@odata.nextLink</c> or, on the last page, <c>@odata.deltaLink</c>.
/// </summary>
internal static class GraphDeltaRound
{
    public const int DefaultPageSize = 10;

    /// <summary>Reads the cursor of this request: from a token, or <paramref name="initial"/> for a round's first request.</summary>
    public static (GraphDeltaCursor? Cursor, IResult? Error) Resolve(
        HttpContext http, MailboxData data, CursorScope scope, string kind, GraphErrors errors, Func<GraphDeltaCursor> initial)
    {
        var query = http.Request.Query;
        var skipToken = query["$skiptoken"].ToString();
        var deltaToken = query["$deltatoken"].ToString();
        if (skipToken.Length == 0 && deltaToken.Length == 0)
        {
            return (initial() with { Generation = data.Generation(scope), To = data.Version }, null);
        }

        var cursor = GraphDeltaCursor.Decode(skipToken.Length > 0 ? skipToken : deltaToken);
        if (cursor is null || cursor.Kind != kind)
        {
            return (null, errors.BadRequest(http, "ErrorInvalidUrlQuery", "The state token in the request is malformed."));
        }

        if (cursor.Generation != data.Generation(scope) || cursor.From > data.Version)
        {
            return (null, errors.SyncStateNotFound(http));
        }

        return skipToken.Length > 0
            ? (cursor, null)
            : (cursor with { To = data.Version, AfterVersion = null, AfterId = null }, null);
    }

    public static IResult Page(
        HttpContext http, GraphDeltaCursor cursor, IEnumerable<GraphDeltaItem> rows, string linkPath, string contextFragment, GraphPreferences preferences, bool timeZoneApplies)
    {
        var pageSize = preferences.MaxPageSize ?? cursor.PageSize ?? DefaultPageSize;
        var ordered = rows
            .Where(r => cursor.AfterVersion is null || r.Version > cursor.AfterVersion
                || (r.Version == cursor.AfterVersion && string.CompareOrdinal(r.Id, cursor.AfterId) > 0))
            .OrderBy(r => r.Version)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();
        var page = ordered.Take(pageSize).ToList();
        var link = $"{GraphResponse.BaseUrl(http)}{linkPath}";
        var body = new JsonObject { ["@odata.context"] = GraphResponse.Context(http, contextFragment) };
        if (ordered.Count > pageSize)
        {
            var next = cursor with { PageSize = pageSize, AfterVersion = page[^1].Version, AfterId = page[^1].Id };
            body["@odata.nextLink"] = link + "?$skiptoken=" + next.Encode();
        }
        else
        {
            var next = cursor with { Initial = false, From = cursor.To, To = 0, PageSize = pageSize, AfterVersion = null, AfterId = null };
            body["@odata.deltaLink"] = link + "?$deltatoken=" + next.Encode();
        }

        body["value"] = new JsonArray([.. page.Select(r => (JsonNode)r.ToJson())]);
        return GraphResponse.Ok(http, body, preferences.Applied(pageSizeApplied: preferences.MaxPageSize is not null, timeZoneApplies));
    }
}
