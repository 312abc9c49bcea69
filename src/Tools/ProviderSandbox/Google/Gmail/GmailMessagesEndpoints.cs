using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary><c>GET users/{userId}/messages</c> (newest first, paged, spam and trash left out unless asked for) and <c>GET users/{userId}/messages/{id}</c>.</summary>
internal static class GmailMessagesEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    public static IResult List(HttpContext http, string userId, TimeProvider clock)
    {
        var mailbox = http.GetMailbox();
        if (GmailUser.Check(mailbox, userId) is { } denied)
        {
            return denied;
        }

        var query = http.Request.Query;
        var pageSize = int.TryParse(query["maxResults"], out var requested) && requested > 0 ? Math.Min(requested, MaxPageSize) : DefaultPageSize;
        var pageToken = query["pageToken"].ToString();
        var after = pageToken.Length == 0 ? null : GoogleListToken.Decode<GmailPageToken>(pageToken);
        if (pageToken.Length > 0 && after is null)
        {
            return GoogleApiErrors.Invalid("Invalid pageToken", "invalidArgument");
        }

        var labelIds = query["labelIds"].Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!).ToList();
        var matches = GmailQuery.Parse(query["q"], clock.GetUtcNow());
        var spamTrash = bool.TryParse(query["includeSpamTrash"], out var include) && include;
        bool Listed(StoredMessage m) =>
            matches(m) && labelIds.TrueForAll(l => m.LabelIds.Contains(l, StringComparer.OrdinalIgnoreCase)) && (spamTrash || !InSpamOrTrash(m));

        var data = mailbox.Current;
        var ordered = data.LiveMessagesNewestFirst;
        var page = new List<StoredMessage>(pageSize + 1);
        for (var i = after is null ? 0 : data.NewestFirstAfter(after.InternalDate, after.Id); i < ordered.Count && page.Count <= pageSize; i++)
        {
            if (Listed(ordered[i]))
            {
                page.Add(ordered[i]);
            }
        }

        var body = new JsonObject();
        if (page.Count > 0)
        {
            body["messages"] = new JsonArray([.. page.Take(pageSize).Select(m => (JsonNode)GmailMessageJson.Stub(m.Id, m.ThreadId))]);
        }

        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            body["nextPageToken"] = GoogleListToken.Encode(new GmailPageToken(last.ReceivedAt.ToUnixTimeMilliseconds(), last.Id));
        }

        body["resultSizeEstimate"] = ResultSize(data, $"{query["q"]}|{string.Join(',', labelIds)}|{spamTrash}", Listed);
        return new WireJsonResult(body, StatusCodes.Status200OK, WireJsonResult.Json);
    }

    /// <summary>As Gmail lists: a message labelled SPAM or TRASH only when <c>includeSpamTrash=true</c>.</summary>
    private static bool InSpamOrTrash(StoredMessage message) =>
        message.LabelIds.Any(l => l.Equals("SPAM", StringComparison.OrdinalIgnoreCase) || l.Equals("TRASH", StringComparison.OrdinalIgnoreCase));

    /// <summary>How many messages the query lists: counted once per message set and query, as every page reports it.</summary>
    private static int ResultSize(MailboxData data, string key, Func<StoredMessage, bool> listed) =>
        ResultSizes.GetValue(data.Messages, static _ => new ConcurrentDictionary<string, int>(StringComparer.Ordinal))
            .GetOrAdd(key, _ => data.LiveMessagesNewestFirst.Count(listed));

    private static readonly ConditionalWeakTable<ImmutableDictionary<string, StoredMessage>, ConcurrentDictionary<string, int>> ResultSizes = [];

    public static IResult Get(HttpContext http, string userId, string messageId)
    {
        var mailbox = http.GetMailbox();
        if (GmailUser.Check(mailbox, userId) is { } denied)
        {
            return denied;
        }

        var format = Format(http, out var invalid);
        if (invalid is not null)
        {
            return invalid;
        }

        var data = mailbox.Current;
        return data.Messages.TryGetValue(messageId, out var message) && !message.IsDeleted
            ? new WireJsonResult(GmailMessageJson.Render(message, data.Identity, format, MetadataHeaders(http)), StatusCodes.Status200OK, WireJsonResult.Json)
            : GoogleApiErrors.NotFound();
    }

    public static string Format(HttpContext http, out IResult? invalid)
    {
        var format = http.Request.Query["format"].ToString().ToLowerInvariant();
        invalid = format.Length == 0 || GmailMessageJson.Formats.Contains(format)
            ? null
            : GoogleApiErrors.Invalid($"Invalid value at 'format' ({format})", "invalidArgument");
        return format.Length == 0 ? "full" : format;
    }

    public static IReadOnlyCollection<string> MetadataHeaders(HttpContext http) =>
        [.. http.Request.Query["metadataHeaders"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}

internal sealed record GmailPageToken(long InternalDate, string Id);
