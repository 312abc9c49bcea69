using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>
/// Gmail mail rounds. Full: the profile's historyId first (so nothing that happens while listing is lost), then
/// <c>messages.list q=after:</c> paged, metadata per message; the last page carries that historyId. Incremental:
/// <c>history.list</c> (messageAdded, messageDeleted) paged; the last page carries the answer's historyId; 404 = expired.
/// </summary>
internal static class GmailRounds
{
    private static readonly string[] HistoryTypes = ["messageAdded", "messageDeleted"];

    public static async IAsyncEnumerable<ProviderPage<MailItem>> FullAsync(
        GoogleSession session, MailWindow window, ProviderReadingOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var profile = await GoogleCalls.SendAsync(() => session.Gmail.UsersGetProfileAsync("me", cancellationToken), "the Gmail profile");
        var historyId = profile.HistoryId is { Length: > 0 } id ? id : throw new ProviderUnavailableException("The Gmail profile had no historyId.");
        await foreach (var (page, isLast) in ListAsync(session, $"after:{window.Since.ToUnixTimeSeconds()}", options, cancellationToken))
        {
            if (!page.IsEmpty || isLast)
            {
                yield return page.Build(isLast ? historyId : null);
            }
        }
    }

    public static async IAsyncEnumerable<ProviderPage<MailItem>> HistoryAsync(
        GoogleSession session, string cursor, ProviderReadingOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!ulong.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new CursorExpiredException("The stored Gmail historyId is unreadable; a full round is needed.");
        }

        string? pageToken = null;
        do
        {
            var request = new HistoryListRequest { StartHistoryId = cursor, HistoryTypes = HistoryTypes, MaxResults = options.PageSize, PageToken = pageToken };
            var history = await GoogleCalls.SendAsync(() => session.Gmail.UsersHistoryListAsync("me", request, cancellationToken), "the Gmail history", HttpStatusCode.NotFound);
            var (added, deleted) = Changes(history.History);
            var page = new PageBuilder<MailItem>();
            page.Removed.AddRange(deleted.Select(id => new RemovedItem(id)));
            await GmailMessageReads.AddMetadataAsync(page, session.Gmail, [.. added.Where(id => !deleted.Contains(id))], options.MaxConcurrentRequestsPerMailbox, cancellationToken);
            pageToken = history.NextPageToken;
            if (pageToken is null)
            {
                yield return page.Build(history.HistoryId is { Length: > 0 } next ? next : throw new ProviderUnavailableException("A Gmail history answer had no historyId."));
            }
            else if (!page.IsEmpty)
            {
                yield return page.Build(null);
            }
        }
        while (pageToken is not null);
    }

    /// <summary>Messages with the address in from/to/cc sent in the window (Gmail's <c>from:/to:/cc:</c> are fuzzier: narrowed exactly).</summary>
    public static async IAsyncEnumerable<ProviderPage<MailItem>> SearchAsync(
        GoogleSession session, IReadOnlyList<string> addresses, MailWindow window, ProviderReadingOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var any = string.Join(" OR ", addresses.Select(a => $"from:{a} OR to:{a} OR cc:{a}"));
        var q = $"after:{window.Since.ToUnixTimeSeconds()} ({any})";
        await foreach (var (page, _) in ListAsync(session, q, options, cancellationToken))
        {
            page.Items.RemoveAll(i => !SearchAddresses.InvolvesAny(i, addresses));
            page.Removed.Clear();
            if (!page.IsEmpty)
            {
                yield return page.Build(null);
            }
        }
    }

    private static async IAsyncEnumerable<(PageBuilder<MailItem> Page, bool IsLast)> ListAsync(
        GoogleSession session, string q, ProviderReadingOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? pageToken = null;
        do
        {
            var request = new MessagesListRequest { Q = q, MaxResults = options.PageSize, PageToken = pageToken };
            var list = await GoogleCalls.SendAsync(() => session.Gmail.UsersMessagesListAsync("me", request, cancellationToken), "a Gmail message list");
            var page = new PageBuilder<MailItem>();
            var ids = new List<string>();
            foreach (var stub in list.Messages ?? [])
            {
                if (string.IsNullOrWhiteSpace(stub.Id))
                {
                    page.Malformed.Add(new MalformedItem("(none)", "a listed message without an id"));
                }
                else
                {
                    ids.Add(stub.Id);
                }
            }

            await GmailMessageReads.AddMetadataAsync(page, session.Gmail, ids, options.MaxConcurrentRequestsPerMailbox, cancellationToken);
            pageToken = list.NextPageToken;
            yield return (page, pageToken is null);
        }
        while (pageToken is not null);
    }

    /// <summary>The page's added (not drafts) and deleted message ids, each once, in history order.</summary>
    private static (List<string> Added, List<string> Deleted) Changes(IReadOnlyList<History>? records)
    {
        var added = new List<string>();
        var deleted = new List<string>();
        foreach (var record in records ?? [])
        {
            foreach (var message in (record.MessagesAdded ?? []).Select(a => a.Message))
            {
                if (message?.Id is { Length: > 0 } id && !GmailMessages.IsDraft(message.LabelIds) && !added.Contains(id))
                {
                    added.Add(id);
                }
            }

            foreach (var message in (record.MessagesDeleted ?? []).Select(d => d.Message))
            {
                if (message?.Id is { Length: > 0 } id && !deleted.Contains(id))
                {
                    deleted.Add(id);
                }
            }
        }

        return (added, deleted);
    }
}
