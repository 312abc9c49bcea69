using System.Globalization;
using System.Text.RegularExpressions;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// <c>GET /me/mailFolders/{id}/messages/delta</c>: the folder's messages changed in the round, <c>@removed</c> rows for deleted
/// ones (<c>changed</c> when moved to Deleted Items, <c>deleted</c> when purged). Honours <c>$select</c>, <c>changeType</c>,
/// <c>$filter=receivedDateTime ge|gt {instant}</c> and <c>Prefer: odata.maxpagesize</c>; every option rides in the tokens.
/// Messages an <c>OmitFromFeed</c> fault hides are left out of every page.
/// </summary>
internal static partial class MessageDeltaEndpoint
{
    public const string Kind = "messages";

    public static IResult Handle(HttpContext http, string folderId, GraphErrors errors)
    {
        var data = http.GetMailbox().Current;
        if (!GraphFolders.TryResolve(data.Identity, folderId, out var folder))
        {
            return errors.NotFound(http);
        }

        var query = http.Request.Query;
        var hasToken = query.ContainsKey("$skiptoken") || query.ContainsKey("$deltatoken");
        if (!hasToken && query["$filter"].ToString() is { Length: > 0 } filter && !FilterExpression().IsMatch(filter))
        {
            return errors.BadRequest(http, "ErrorInvalidUrlQueryFilter", "The delta function supports only '$filter=receivedDateTime ge {instant}' (or gt).");
        }

        var (cursor, error) = GraphDeltaRound.Resolve(http, data, CursorScope.GraphMail, Kind, errors, () => Initial(http, data, folder));
        if (cursor is null)
        {
            return error!;
        }

        var preferences = GraphPreferences.Parse(http.Request);
        var omitted = http.RequestServices.GetRequiredService<FaultQueue>().OmittedMessages(http.GetMailbox().Email, data);
        var rows = GraphDeltaWindow.Rows(
            data.MessagesChangedBetween(Math.Max(cursor.From, (cursor.AfterVersion ?? 0) - 1), cursor.To).Where(m => m.Folder == folder && !omitted.Contains(m.Id)),
            m => m.Version,
            m => Row(m, cursor, data.Identity, preferences) is { } row ? [row] : [],
            cursor,
            preferences,
            ordered: true);
        var linkPath = $"/me/mailFolders('{GraphFolders.IdOf(data.Identity, folder)}')/messages/microsoft.graph.delta()";
        return GraphDeltaRound.Page(http, cursor, rows, linkPath, "Collection(message)", preferences, timeZoneApplies: false);
    }

    private static GraphDeltaItem? Row(StoredMessage message, GraphDeltaCursor cursor, MailboxIdentity owner, GraphPreferences preferences)
    {
        if (message.IsDeleted)
        {
            return cursor.Initial || cursor.ChangeType is "created" or "updated"
                ? null
                : GraphDeltaItem.Removed(message.Version, message.Id, message.SoftDeleted ? "changed" : "deleted", "#microsoft.graph.message");
        }

        var created = message.CreatedVersion > cursor.From;
        if ((cursor.ChangeType == "created" && !created) || (cursor.ChangeType == "updated" && created) || cursor.ChangeType == "deleted")
        {
            return null;
        }

        if (cursor.ReceivedSince is { } since && (cursor.ReceivedInclusive ? message.ReceivedAt < since : message.ReceivedAt <= since))
        {
            return null;
        }

        return GraphDeltaItem.Changed(message.Version, message.Id, GraphResponse.Select(GraphMessageJson.Render(message, owner, preferences), cursor.Select));
    }

    private static GraphDeltaCursor Initial(HttpContext http, MailboxData data, MailFolder folder)
    {
        var query = http.Request.Query;
        var filter = FilterExpression().Match(query["$filter"].ToString());
        var changeType = query["changeType"].ToString().ToLowerInvariant();
        return new GraphDeltaCursor
        {
            Kind = Kind,
            Initial = true,
            FolderId = GraphFolders.IdOf(data.Identity, folder),
            Select = query["$select"].ToString() is { Length: > 0 } select ? select : null,
            ChangeType = changeType is "created" or "updated" or "deleted" ? changeType : null,
            ReceivedSince = filter.Success
                ? DateTimeOffset.Parse(filter.Groups["instant"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : null,
            ReceivedInclusive = filter.Success && filter.Groups["op"].Value.Equals("ge", StringComparison.OrdinalIgnoreCase),
            PageSize = int.TryParse(query["$top"], out var top) && top > 0 ? top : null,
        };
    }

    [GeneratedRegex(@"^\s*receivedDateTime\s+(?<op>ge|gt)\s+'?(?<instant>\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?)'?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FilterExpression();
}
