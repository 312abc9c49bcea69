using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary>
/// <c>GET users/{userId}/history?startHistoryId=</c>: the records after startHistoryId (<c>messagesAdded</c>, <c>messagesDeleted</c>),
/// oldest first, paged by record; 404 when startHistoryId predates the mailbox's oldest kept history (or its cursors were expired).
/// The records of messages an <c>OmitFromFeed</c> fault hides are left out.
/// </summary>
internal static class GmailHistoryEndpoint
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    public static IResult Handle(HttpContext http, string userId)
    {
        var mailbox = http.GetMailbox();
        if (GmailUser.Check(mailbox, userId) is { } denied)
        {
            return denied;
        }

        var query = http.Request.Query;
        var startText = query["startHistoryId"].ToString();
        if (startText.Length == 0)
        {
            return GoogleApiErrors.Invalid("Missing required parameter: startHistoryId", "required");
        }

        if (!long.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return GoogleApiErrors.Invalid($"Invalid value at 'start_history_id' ({startText})", "invalidArgument");
        }

        var data = mailbox.Current;
        if (start < data.MinHistoryId)
        {
            return GoogleApiErrors.NotFound();
        }

        var pageToken = query["pageToken"].ToString();
        var after = pageToken.Length > 0 && long.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? token : start;
        var pageSize = int.TryParse(query["maxResults"], out var requested) && requested > 0 ? Math.Min(requested, MaxPageSize) : DefaultPageSize;
        var types = query["historyTypes"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var labelId = query["labelId"].ToString();
        var omitted = http.RequestServices.GetRequiredService<FaultQueue>().OmittedMessages(mailbox.Email, data);
        var records = data.History
            .Where(r => r.HistoryId > after && !omitted.Contains(r.MessageId))
            .Where(r => types.Count == 0 || types.Contains(r.Kind == GmailHistoryKind.MessageAdded ? "messageAdded" : "messageDeleted"))
            .Where(r => labelId.Length == 0 || r.LabelIds.Contains(labelId, StringComparer.OrdinalIgnoreCase))
            .Take(pageSize + 1)
            .ToList();

        var body = new JsonObject();
        if (records.Count > 0)
        {
            body["history"] = new JsonArray([.. records.Take(pageSize).Select(r => (JsonNode)Record(r))]);
        }

        if (records.Count > pageSize)
        {
            body["nextPageToken"] = records[pageSize - 1].HistoryId.ToString(CultureInfo.InvariantCulture);
        }

        body["historyId"] = data.HistoryId;
        return new WireJsonResult(body, StatusCodes.Status200OK, WireJsonResult.Json);
    }

    private static JsonObject Record(GmailHistoryRecord record) => new()
    {
        ["id"] = record.HistoryId.ToString(CultureInfo.InvariantCulture),
        ["messages"] = new JsonArray(GmailMessageJson.Stub(record.MessageId, record.ThreadId)),
        [record.Kind == GmailHistoryKind.MessageAdded ? "messagesAdded" : "messagesDeleted"] =
            new JsonArray(new JsonObject { ["message"] = GmailMessageJson.Stub(record.MessageId, record.ThreadId, record.LabelIds) }),
    };
}
