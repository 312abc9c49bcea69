using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State.Events;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary><c>GET /me</c>, <c>/me/mailFolders/{id}</c>, <c>/me/messages/{id}</c> and <c>/me/events/{id}</c>.</summary>
internal static class GraphItemEndpoints
{
    public static IResult Me(HttpContext http)
    {
        var user = http.GetMailbox().Identity;
        var body = new JsonObject
        {
            ["@odata.context"] = GraphResponse.Context(http, "users/$entity"),
            ["businessPhones"] = new JsonArray(),
            ["displayName"] = user.DisplayName,
            ["givenName"] = user.GivenName,
            ["jobTitle"] = null,
            ["mail"] = user.Email,
            ["mobilePhone"] = null,
            ["officeLocation"] = null,
            ["preferredLanguage"] = "en-US",
            ["surname"] = user.Surname,
            ["userPrincipalName"] = user.Email,
            ["id"] = user.ObjectId.ToString(),
        };
        return GraphResponse.Ok(http, GraphResponse.Select(body, http.Request.Query["$select"]), GraphPreferences.Parse(http.Request).Applied(false, false));
    }

    public static IResult MailFolder(HttpContext http, string folderId, GraphErrors errors)
    {
        var data = http.GetMailbox().Current;
        if (!GraphFolders.TryResolve(data.Identity, folderId, out var folder))
        {
            return errors.NotFound(http);
        }

        var messages = data.LiveMessages.Where(m => m.Folder == folder).ToList();
        var body = new JsonObject
        {
            ["@odata.context"] = GraphResponse.Context(http, "users('" + data.Identity.Email + "')/mailFolders/$entity"),
            ["id"] = GraphFolders.IdOf(data.Identity, folder),
            ["displayName"] = State.Messages.MailFolders.DisplayName(folder),
            ["parentFolderId"] = GraphFolders.RootId(data.Identity),
            ["childFolderCount"] = 0,
            ["unreadItemCount"] = messages.Count(m => m.Folder == State.Messages.MailFolder.Inbox),
            ["totalItemCount"] = messages.Count,
            ["sizeInBytes"] = messages.Sum(m => m.BodyText.Length + (m.BodyHtml?.Length ?? 0) + 1024),
            ["isHidden"] = false,
        };
        return GraphResponse.Ok(http, GraphResponse.Select(body, http.Request.Query["$select"]), GraphPreferences.Parse(http.Request).Applied(false, false));
    }

    public static IResult Message(HttpContext http, string messageId, GraphErrors errors)
    {
        var data = http.GetMailbox().Current;
        if (!data.Messages.TryGetValue(messageId, out var message) || message.IsDeleted)
        {
            return errors.NotFound(http);
        }

        var preferences = GraphPreferences.Parse(http.Request);
        // Graph returns the headers only for a single message, and only when $select names them.
        var withHeaders = GraphMessageJson.Selects(http.Request.Query["$select"], "internetMessageHeaders");
        var body = GraphMessageJson.Render(message, data.Identity, preferences, withHeaders);

        body.Remove("@odata.type");
        body.Insert(0, "@odata.context", GraphResponse.Context(http, "users('" + data.Identity.Email + "')/messages/$entity"));
        return GraphResponse.Ok(http, GraphResponse.Select(body, http.Request.Query["$select"]), preferences.Applied(false, false));
    }

    public static IResult Event(HttpContext http, string eventId, GraphErrors errors)
    {
        var data = http.GetMailbox().Current;
        var preferences = GraphPreferences.Parse(http.Request);
        JsonObject? body = null;
        if (data.Events.TryGetValue(eventId, out var stored) && !stored.IsDeleted)
        {
            body = stored.IsSeries
                ? GraphEventJson.RenderSeriesMaster(stored, data.Identity, preferences)
                : GraphEventJson.Render(EventInstance.Single(stored), data.Identity, preferences);
        }
        else if (EventInstance.TryParseOccurrenceId(eventId, out var seriesId, out var originalStart)
            && data.Events.TryGetValue(seriesId, out var series) && !series.IsDeleted
            && Recurrences.FindOccurrence(series, originalStart) is { IsRemoved: false } occurrence)
        {
            body = GraphEventJson.Render(occurrence, data.Identity, preferences);
        }

        if (body is null)
        {
            return errors.NotFound(http);
        }

        body.Remove("@odata.type");
        body.Insert(0, "@odata.context", GraphResponse.Context(http, "users('" + data.Identity.Email + "')/events/$entity"));
        return GraphResponse.Ok(http, GraphResponse.Select(body, http.Request.Query["$select"]), preferences.Applied(false, true));
    }
}
