using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary><c>GET users/{userId}/threads/{id}</c>: <c>{id, historyId, messages}</c>, messages oldest first in the requested format.</summary>
internal static class GmailThreadEndpoint
{
    public static IResult Handle(HttpContext http, string userId, string threadId)
    {
        var mailbox = http.GetMailbox();
        if (GmailUser.Check(mailbox, userId) is { } denied)
        {
            return denied;
        }

        var format = GmailMessagesEndpoints.Format(http, out var invalid);
        if (invalid is not null)
        {
            return invalid;
        }

        var data = mailbox.Current;
        var messages = data.LiveMessages.Where(m => m.ThreadId == threadId).OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        if (messages.Count == 0)
        {
            return GoogleApiErrors.NotFound();
        }

        var headers = GmailMessagesEndpoints.MetadataHeaders(http);
        var body = new JsonObject
        {
            ["id"] = threadId,
            ["historyId"] = MailboxData.HistoryIdOf(messages.Max(m => m.Version)),
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)GmailMessageJson.Render(m, data.Identity, format, headers))]),
        };
        return new WireJsonResult(body, StatusCodes.Status200OK, WireJsonResult.Json);
    }
}
