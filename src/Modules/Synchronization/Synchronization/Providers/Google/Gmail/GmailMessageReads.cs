using System.Net;
using System.Text.Json;
using Google;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>
/// <c>messages.get</c> for many ids, at most <c>parallelism</c> at a time (Gmail's per-user concurrency; the mailbox gate
/// enforces it across calls too), answers in the ids' order. A message gone meanwhile (404) is absent; one whose JSON is
/// unreadable is reported malformed.
/// </summary>
internal static class GmailMessageReads
{
    public static async Task<IReadOnlyList<(string Id, Message? Message, string? Problem)>> GetAsync(
        GmailClient gmail, IReadOnlyList<string> ids, MessagesGetRequest request, int parallelism, CancellationToken cancellationToken)
    {
        var results = new (string Id, Message? Message, string? Problem)[ids.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await GoogleCalls.SendAsync(
            () => Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), options, async (index, ct) =>
            {
                try
                {
                    results[index] = (ids[index], await gmail.UsersMessagesGetAsync("me", ids[index], request, ct), null);
                }
                catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
                {
                    results[index] = (ids[index], null, null);
                }
                catch (JsonException)
                {
                    results[index] = (ids[index], null, "an unreadable message resource");
                }
            }),
            "a Gmail message get");
        return results;
    }

    /// <summary>Metadata for the ids into the page: items, gone ones as removed, unreadable ones as malformed.</summary>
    public static Task AddMetadataAsync(PageBuilder<MailItem> page, GmailClient gmail, IReadOnlyList<string> ids, int parallelism, CancellationToken cancellationToken) =>
        AddAsync(page, gmail, ids, new MessagesGetRequest { Format = "metadata", MetadataHeaders = GmailMessages.MetadataHeaders }, parallelism, null, cancellationToken);

    /// <summary>
    /// The same in <c>full</c> format (the same quota units): with each listed item's content (<see cref="GmailBodies.ContentOf"/>),
    /// for a read whose items are nearly all matched, so a matched message is not read a second time for its body.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, MessageContent>> AddFullAsync(
        PageBuilder<MailItem> page, GmailClient gmail, IReadOnlyList<string> ids, int parallelism, CancellationToken cancellationToken)
    {
        var contents = new Dictionary<string, MessageContent>(StringComparer.Ordinal);
        await AddAsync(page, gmail, ids, new MessagesGetRequest { Format = "full" }, parallelism, (id, message) =>
        {
            if (GmailBodies.ContentOf(message) is { } content)
            {
                contents[id] = content;
            }
        }, cancellationToken);
        return contents;
    }

    private static async Task AddAsync(
        PageBuilder<MailItem> page, GmailClient gmail, IReadOnlyList<string> ids, MessagesGetRequest request, int parallelism,
        Action<string, Message>? read, CancellationToken cancellationToken)
    {
        foreach (var (id, message, problem) in await GetAsync(gmail, ids, request, parallelism, cancellationToken))
        {
            if (message is not null)
            {
                page.Guard(id, () => GmailMessages.AddTo(page, message));
                read?.Invoke(id, message);
            }
            else if (problem is not null)
            {
                page.Malformed.Add(new MalformedItem(id, problem));
            }
            else
            {
                page.Removed.Add(new RemovedItem(id));
            }
        }
    }
}
