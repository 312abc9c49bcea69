using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Runs.Planning;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>
/// Gmail mail rounds. Full: the profile's historyId first (so nothing that happens while listing is lost), then either a
/// scan, <c>messages.list q=after:</c> paged with metadata per message, or, when the window carries the tenant's contacts
/// and <see cref="FirstSyncPlanner"/> chooses it, a planned read: one search per group of contact addresses
/// (<see cref="GmailContactSearches"/>), each message read once however many searches list it, narrowed exactly to those
/// with a contact among their participants. Either way the last page carries that historyId. Incremental:
/// <c>history.list</c> (messageAdded, messageDeleted) paged; the last page carries the answer's historyId; 404 = expired.
/// </summary>
internal static class GmailRounds
{
    private static readonly string[] HistoryTypes = ["messageAdded", "messageDeleted"];

    public static async IAsyncEnumerable<ProviderPage<MailItem>> FullAsync(
        GoogleSession session, MailWindow window, ProviderReadingOptions options, FullReadHooks hooks,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var profile = await GoogleCalls.SendAsync(() => session.Gmail.UsersGetProfileAsync("me", cancellationToken), "the Gmail profile");
        var historyId = profile.HistoryId is { Length: > 0 } id ? id : throw new ProviderUnavailableException("The Gmail profile had no historyId.");
        var scan = After(window);
        var (first, facts, queries) = await PlanAsync(session, window, scan, options, cancellationToken);
        var choice = facts is null ? FirstSyncChoice.Scan : FirstSyncPlanner.Decide(facts);
        if (facts is not null)
        {
            hooks.Chosen(choice, facts);
        }

        var pages = choice == FirstSyncChoice.Planned
            ? PlannedAsync(session, queries, facts!.Contacts.Addresses, options, hooks.Keep, cancellationToken)
            : ScanAsync(session, scan, first, options, cancellationToken);
        await foreach (var (page, isLast) in pages)
        {
            if (!page.IsEmpty || isLast)
            {
                yield return page.Build(isLast ? historyId : null);
            }
        }
    }

    /// <summary>
    /// What the plan is decided from, with the scan's first page when one was listed for its estimate (reused if scanning)
    /// and the searches a planned read sends (none when an address is unsearchable). No facts (scan, nothing listed yet)
    /// when the window carries no contacts or the configuration says scan; no first page when the estimate decides nothing:
    /// no contacts (nothing to search), an unsearchable address (a scan), or the configuration saying planned.
    /// </summary>
    private static async Task<(ListedPage? First, FirstSyncFacts? Facts, IReadOnlyList<string> Queries)> PlanAsync(
        GoogleSession session, MailWindow window, string scan, ProviderReadingOptions options, CancellationToken cancellationToken)
    {
        if (window.Contacts is not { Mode: not FirstSyncPlanMode.Scan } contacts)
        {
            return (null, null, []);
        }

        var searchable = contacts.Complete && GmailContactSearches.AllSearchable(contacts.Addresses);
        IReadOnlyList<string> queries = searchable ? GmailContactSearches.Queries(window.Since, contacts.Addresses) : [];
        if (!searchable || contacts.Addresses.Count == 0 || contacts.Mode == FirstSyncPlanMode.Planned)
        {
            return (null, new FirstSyncFacts(0, options.PageSize, contacts, queries.Count, searchable), queries);
        }

        var first = await ListPageAsync(session, scan, null, options, cancellationToken);
        return (first, new FirstSyncFacts(first.Estimate, options.PageSize, contacts, queries.Count, EveryAddressSearchable: true), queries);
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
            await GmailMessageReads.AddMetadataAsync(page, session.Gmail, [.. added.Where(id => !deleted.Contains(id))], options.GoogleConcurrentRequestsPerMailbox, cancellationToken);
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
        var q = $"{After(window)} ({any})";
        await foreach (var (page, _) in ScanAsync(session, q, null, options, cancellationToken))
        {
            page.Items.RemoveAll(i => !SearchAddresses.InvolvesAny(i, addresses));
            page.Removed.Clear();
            if (!page.IsEmpty)
            {
                yield return page.Build(null);
            }
        }
    }

    /// <summary>
    /// The planned read: each search paged, each listed message read once (a message several searches list is read on
    /// the first), kept when one of its participants (every kind matching reads: from, sender, to, cc, bcc) is a contact
    /// address, compared normalized as matching does; read in <c>full</c> format, a kept message's content goes to
    /// <paramref name="keep"/> for the body read. Ends in one empty last page (the caller puts the historyId on it).
    /// </summary>
    private static async IAsyncEnumerable<(PageBuilder<MailItem> Page, bool IsLast)> PlannedAsync(
        GoogleSession session, IReadOnlyList<string> queries, IReadOnlyList<string> contacts, ProviderReadingOptions options,
        Action<string, MessageContent> keep, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wanted = contacts.Select(EmailAddressRule.Normalize).ToHashSet(StringComparer.Ordinal);
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in queries)
        {
            string? pageToken = null;
            do
            {
                var listed = await ListPageAsync(session, q, pageToken, options, cancellationToken);
                var page = new PageBuilder<MailItem>();
                page.Malformed.AddRange(listed.Malformed);
                var contents = await GmailMessageReads.AddFullAsync(page, session.Gmail, [.. listed.Ids.Where(read.Add)], options.GoogleConcurrentRequestsPerMailbox, cancellationToken);
                page.Items.RemoveAll(i => !ContactMatches.AddressesOf(i.Capped()).Any(wanted.Contains)); // cleaned and capped as matching reads them
                foreach (var item in page.Items.Where(i => contents.ContainsKey(i.ProviderId)))
                {
                    keep(item.ProviderId, contents[item.ProviderId]);
                }

                pageToken = listed.NextPageToken;
                yield return (page, false);
            }
            while (pageToken is not null);
        }

        yield return (new PageBuilder<MailItem>(), true);
    }

    /// <summary>The listing of <paramref name="q"/> page by page with each message's metadata, from <paramref name="first"/> when it was listed already.</summary>
    private static async IAsyncEnumerable<(PageBuilder<MailItem> Page, bool IsLast)> ScanAsync(
        GoogleSession session, string q, ListedPage? first, ProviderReadingOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listed = first ?? await ListPageAsync(session, q, null, options, cancellationToken);
        while (true)
        {
            var page = new PageBuilder<MailItem>();
            page.Malformed.AddRange(listed.Malformed);
            await GmailMessageReads.AddMetadataAsync(page, session.Gmail, listed.Ids, options.GoogleConcurrentRequestsPerMailbox, cancellationToken);
            yield return (page, listed.NextPageToken is null);
            if (listed.NextPageToken is null)
            {
                yield break;
            }

            listed = await ListPageAsync(session, q, listed.NextPageToken, options, cancellationToken);
        }
    }

    /// <summary>One <c>messages.list</c> page: the listed ids, stubs without one as malformed, the next page's token and the answer's size estimate.</summary>
    private static async Task<ListedPage> ListPageAsync(GoogleSession session, string q, string? pageToken, ProviderReadingOptions options, CancellationToken cancellationToken)
    {
        var request = new MessagesListRequest { Q = q, MaxResults = options.PageSize, PageToken = pageToken };
        var list = await GoogleCalls.SendAsync(() => session.Gmail.UsersMessagesListAsync("me", request, cancellationToken), "a Gmail message list");
        var ids = new List<string>();
        var malformed = new List<MalformedItem>();
        foreach (var stub in list.Messages ?? [])
        {
            if (string.IsNullOrWhiteSpace(stub.Id))
            {
                malformed.Add(new MalformedItem("(none)", "a listed message without an id"));
            }
            else
            {
                ids.Add(stub.Id);
            }
        }

        return new ListedPage(ids, malformed, list.NextPageToken, Math.Max(0, list.ResultSizeEstimate ?? ids.Count));
    }

    private static string After(MailWindow window) => $"after:{window.Since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";

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

    /// <summary>One listed page of message ids (<see cref="ListPageAsync"/>).</summary>
    private sealed record ListedPage(IReadOnlyList<string> Ids, IReadOnlyList<MalformedItem> Malformed, string? NextPageToken, int Estimate);

    /// <summary>What a whole-window read tells its caller: the plan chosen, and each kept message's content read with it.</summary>
    public sealed record FullReadHooks(Action<FirstSyncChoice, FirstSyncFacts> Chosen, Action<string, MessageContent> Keep);
}
