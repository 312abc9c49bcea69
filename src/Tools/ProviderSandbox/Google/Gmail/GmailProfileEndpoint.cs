using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary><c>GET users/{userId}/profile</c>: <c>{emailAddress, messagesTotal, threadsTotal, historyId}</c> (historyId a string).</summary>
internal static class GmailProfileEndpoint
{
    public static IResult Handle(HttpContext http, string userId)
    {
        var mailbox = http.GetMailbox();
        if (GmailUser.Check(mailbox, userId) is { } denied)
        {
            return denied;
        }

        var data = mailbox.Current;
        var live = data.LiveMessages.ToList();
        return new WireJsonResult(
            new JsonObject
            {
                ["emailAddress"] = data.Identity.Email,
                ["messagesTotal"] = live.Count,
                ["threadsTotal"] = live.Select(m => m.ThreadId).Distinct(StringComparer.Ordinal).Count(),
                ["historyId"] = data.HistoryId,
            },
            StatusCodes.Status200OK,
            WireJsonResult.Json);
    }
}
