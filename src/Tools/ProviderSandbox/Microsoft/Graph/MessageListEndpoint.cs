using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// <c>GET /me/messages</c> and <c>GET /me/mailFolders/{id}/messages</c>: live messages newest first (by receivedDateTime; by
/// sentDateTime with <c>$search</c>), <c>$top</c> (default 10, at most 1000) per page, <c>$select</c>, and <c>$search</c> in the KQL
/// subset of <see cref="GraphSearchQuery"/>. As on Graph, <c>$search</c> cannot be combined with <c>$filter</c> or <c>$orderby</c>;
/// pages chain through <c>@odata.nextLink</c> (<c>$skip</c>, or <c>$skiptoken</c> for a search).
/// </summary>
internal static class MessageListEndpoint
{
    private const int DefaultPageSize = 10;
    private const int MaxPageSize = 1000;

    public static IResult Mailbox(HttpContext http, GraphErrors errors) => Handle(http, null, errors);

    public static IResult Folder(HttpContext http, string folderId, GraphErrors errors) =>
        GraphFolders.TryResolve(http.GetMailbox().Identity, folderId, out var folder) ? Handle(http, folder, errors) : errors.NotFound(http);

    private static IResult Handle(HttpContext http, MailFolder? folder, GraphErrors errors)
    {
        var data = http.GetMailbox().Current;
        var query = http.Request.Query;
        var search = query["$search"].ToString();
        if (search.Length > 0 && (query.ContainsKey("$filter") || query.ContainsKey("$orderby")))
        {
            return errors.BadRequest(http, "ErrorInvalidUrlQuery", "The query parameter '$search' cannot be combined with '$filter' or '$orderby' on messages.");
        }

        var matches = search.Length == 0 ? _ => true : GraphSearchQuery.Parse(search);
        if (matches is null)
        {
            return errors.BadRequest(http, "BadRequest", "Syntax error: the $search query is not understood by the sandbox.");
        }

        var pageSize = int.TryParse(query["$top"], out var top) && top > 0 ? Math.Min(top, MaxPageSize) : DefaultPageSize;
        var skip = search.Length > 0 ? SkipToken(query["$skiptoken"]) : int.TryParse(query["$skip"], out var skipped) ? Math.Max(0, skipped) : 0;
        var rows = data.LiveMessages
            .Where(m => (folder is null || m.Folder == folder) && matches(m))
            .OrderByDescending(m => search.Length > 0 ? m.SentAt : m.ReceivedAt)
            .ThenByDescending(m => m.Id, StringComparer.Ordinal)
            .Skip(skip)
            .Take(pageSize + 1)
            .ToList();

        var preferences = GraphPreferences.Parse(http.Request);
        var body = new JsonObject
        {
            ["@odata.context"] = GraphResponse.Context(http, "users('" + data.Identity.Email + "')/messages"),
            ["value"] = new JsonArray([.. rows.Take(pageSize).Select(m => (JsonNode)Render(m, data.Identity, preferences, query["$select"]))]),
        };
        if (rows.Count > pageSize)
        {
            body["@odata.nextLink"] = NextLink(http, search.Length > 0, skip + pageSize);
        }

        return GraphResponse.Ok(http, body, preferences.Applied(false, false));
    }

    private static JsonObject Render(StoredMessage message, MailboxIdentity owner, GraphPreferences preferences, string? select)
    {
        var json = GraphMessageJson.Render(message, owner, preferences);
        json.Remove("@odata.type");
        return GraphResponse.Select(json, select);
    }

    private static string NextLink(HttpContext http, bool isSearch, int offset)
    {
        var next = http.Request.Query
            .Where(q => q.Key is not "$skip" and not "$skiptoken")
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .Append(isSearch
                ? new("$skiptoken", SandboxIds.Base64Url(offset.ToString(CultureInfo.InvariantCulture)))
                : new("$skip", offset.ToString(CultureInfo.InvariantCulture)));
        return $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{QueryString.Create(next)}";
    }

    private static int SkipToken(string? token) =>
        token is { Length: > 0 } && SandboxIds.FromBase64Url(token) is { } bytes && int.TryParse(Encoding.UTF8.GetString(bytes), out var offset) ? Math.Max(0, offset) : 0;
}
