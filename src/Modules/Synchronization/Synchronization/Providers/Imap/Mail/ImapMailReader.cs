using System.Runtime.CompilerServices;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// IMAP mail rounds: INBOX then the Sent folder, cursors of UIDVALIDITY, highest UID and HIGHESTMODSEQ per folder
/// (<see cref="ImapMailCursor"/>, <see cref="ImapFolderPlans"/>), envelopes and headers in pages of <c>Sync:PageSize</c>,
/// bodies of matched messages only (<see cref="ImapBodies"/>), and the look-back by IMAP SEARCH.
/// </summary>
internal sealed partial class ImapMailReader(
    ImapConnections connections, IOptions<ProviderReadingOptions> options, ILogger<ImapMailReader> logger, TimeProvider clock) : IDisposable
{
    private readonly ImapSessionShelf _bodySessions = new(clock);

    /// <summary>Runs on every connection the reader opens, before it is used: tests take capabilities away here to reach the fallback paths.</summary>
    internal Action<ImapClient> ConnectionOpened { get; set; } = static _ => { };

    public async IAsyncEnumerable<ProviderPage<MailItem>> ReadAsync(
        MailboxAccess access, string? cursor, MailWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(window);
        var previous = ImapMailCursor.Parse(cursor);
        using var session = await OpenAsync(access, cancellationToken);
        var next = new Dictionary<string, ImapFolderState>(StringComparer.Ordinal);
        ProviderPage<MailItem>? pending = null;
        foreach (var role in ImapMailIds.Roles)
        {
            var plan = await session.RunAsync(c => ImapFolderPlans.PlanAsync(session, c, role, previous.Of(role), window, cancellationToken), cancellationToken);
            LogPlan(logger, access.LinkId, role, plan.Fetch.Count, plan.Next is null);
            await foreach (var page in PagesAsync(session, plan, cancellationToken))
            {
                if (pending is not null)
                {
                    yield return pending;
                }

                pending = page;
            }

            if (plan.Next is not null)
            {
                next[role] = plan.Next;
            }
        }

        var last = pending ?? new ProviderPage<MailItem>([], [], [], null);
        yield return last with { CursorAfter = new ImapMailCursor(next).ToJson() };
    }

    public async Task<IReadOnlyDictionary<string, MessageContent>> ReadBodiesAsync(
        MailboxAccess access, IReadOnlyCollection<string> providerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(providerIds);
        if (providerIds.Count == 0)
        {
            return new Dictionary<string, MessageContent>(StringComparer.Ordinal);
        }

        var session = _bodySessions.Take(access) ?? await OpenAsync(access, cancellationToken);
        try
        {
            var bodies = await ImapBodies.ReadAsync(session, providerIds, options.Value.PageSize, cancellationToken);
            _bodySessions.Return(access, session);
            return bodies;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose() => _bodySessions.Dispose();

    public async IAsyncEnumerable<ProviderPage<MailItem>> SearchAsync(
        MailboxAccess access, IReadOnlyCollection<string> addresses, MailWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(window);
        var wanted = SearchAddresses.Require(addresses);
        using var session = await OpenAsync(access, cancellationToken);
        foreach (var role in ImapMailIds.Roles)
        {
            var found = await session.RunAsync(c => SearchFolderAsync(session, c, role, wanted, window, cancellationToken), cancellationToken);
            if (found is null)
            {
                continue;
            }

            foreach (var chunk in found.Value.Uids.Chunk(options.Value.PageSize))
            {
                if (await session.RunAsync(c => FetchPageAsync(session, c, role, found.Value.Path, found.Value.UidValidity, chunk, cancellationToken), cancellationToken) is not { } page)
                {
                    break;
                }

                yield return new ProviderPage<MailItem>(
                    [.. page.Items.Where(i => i.SentAt >= window.Since && SearchAddresses.InvolvesAny(i, wanted))], [], page.Malformed, null);
            }
        }
    }

    private async Task<ImapSession> OpenAsync(MailboxAccess access, CancellationToken cancellationToken)
    {
        var password = await PasswordAccess.OpenAsync(access, cancellationToken);
        return new ImapSession(connections, password, access, new ImapMailSettings(options.Value, clock, ConnectionOpened), logger);
    }

    /// <summary>The plan's removals, then its messages, a page of <c>Sync:PageSize</c> at a time; a folder deleted meanwhile ends its pages.</summary>
    private async IAsyncEnumerable<ProviderPage<MailItem>> PagesAsync(ImapSession session, ImapFolderPlan plan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = options.Value.PageSize;
        foreach (var removed in plan.Removed.Chunk(size))
        {
            yield return new ProviderPage<MailItem>([], [.. removed.Select(id => new RemovedItem(id))], [], null);
        }

        if (plan.Next is not { } state)
        {
            yield break;
        }

        foreach (var chunk in plan.Fetch.Chunk(size))
        {
            if (await session.RunAsync(c => FetchPageAsync(session, c, plan.Role, state.Path, state.UidValidity, chunk, cancellationToken), cancellationToken) is not { } page)
            {
                yield break; // the next round finds the folder gone and releases what it held
            }

            yield return page;
        }
    }

    /// <summary>
    /// One page of envelopes and headers; a message whose summary cannot be mapped is reported malformed, the page goes on.
    /// Null when the folder was deleted since the round planned it.
    /// </summary>
    private static async Task<ProviderPage<MailItem>?> FetchPageAsync(
        ImapSession session, ImapClient client, string role, string path, uint uidValidity, IList<UniqueId> uids, CancellationToken cancellationToken)
    {
        IMailFolder folder;
        try
        {
            folder = await session.OpenFolderAsync(client, path, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            return null;
        }

        if (folder.UidValidity != uidValidity)
        {
            throw new ProviderUnavailableException("The IMAP folder's UIDVALIDITY changed during the round; the next round reads it again.");
        }

        var page = new PageBuilder<MailItem>();
        foreach (var summary in await folder.FetchAsync(uids, ImapMessages.ListingRequest, cancellationToken))
        {
            page.Guard(ImapMailIds.Of(role, uidValidity, summary.UniqueId.Id), () => ImapMessages.AddTo(page, role, uidValidity, summary));
        }

        return page.Build(null);
    }

    /// <summary>The role's messages of the window with any of the addresses in From, To or Cc; null when the mailbox has no such folder.</summary>
    private static async Task<(string Path, uint UidValidity, IReadOnlyList<UniqueId> Uids)?> SearchFolderAsync(
        ImapSession session, ImapClient client, string role, IReadOnlyList<string> addresses, MailWindow window, CancellationToken cancellationToken)
    {
        if (await ImapFolders.FindAsync(client, role, null, cancellationToken) is not { } found)
        {
            return null;
        }

        var folder = await session.OpenFolderAsync(client, found.FullName, cancellationToken);
        var anyAddress = addresses
            .Select(a => SearchQuery.FromContains(a).Or(SearchQuery.ToContains(a)).Or(SearchQuery.CcContains(a)))
            .Aggregate((a, b) => a.Or(b));
        var uids = await folder.SearchAsync(SearchQuery.DeliveredAfter(window.Since.UtcDateTime.Date).And(anyAddress), cancellationToken);
        return (folder.FullName, folder.UidValidity, [.. uids.OrderBy(u => u.Id)]);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "IMAP round of link {LinkId}: folder {Role}, {Count} messages to read, gone {Gone}")]
    private static partial void LogPlan(ILogger logger, string linkId, string role, int count, bool gone);
}
