using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// What one round does with one role's folder: the provider ids it reports removed, the UIDs whose messages it fetches (in
/// UID order), and the folder's state once they are read (null: the folder is gone and the role forgotten).
/// </summary>
internal sealed record ImapFolderPlan(string Role, IEnumerable<string> Removed, IReadOnlyList<UniqueId> Fetch, ImapFolderState? Next);

/// <summary>
/// Plans a role's round. A new folder (first round, a new path, a changed UIDVALIDITY) is read over the window (SEARCH SINCE)
/// after the old folder's ids are reported removed, so a message read again under its new id is released and then held again
/// (never held twice: the thread recorder knows it by Message-ID). A known folder gives its new UIDs, and its expunged ones:
/// with QRESYNC the VANISHED answer to a SELECT with the stored UIDVALIDITY and HIGHESTMODSEQ; without, the stored UID set
/// less the UIDs a SEARCH still finds. Flag changes are not read: nothing a round reports depends on them.
/// </summary>
internal static class ImapFolderPlans
{
    public static async Task<ImapFolderPlan> PlanAsync(
        ImapSession session, ImapClient client, string role, ImapFolderState? old, MailWindow window, CancellationToken cancellationToken)
    {
        if (await ImapFolders.FindAsync(client, role, old?.Path, cancellationToken) is not { } folder)
        {
            return new ImapFolderPlan(role, Released(role, old), [], null);
        }

        var quick = old is { HighestModSeq: > 0, HighestUid: > 0 } && old.Path == folder.FullName && client.Capabilities.HasFlag(ImapCapabilities.QuickResync);
        var vanished = new List<UniqueId>();
        if (quick)
        {
            await OpenQuickAsync(folder, old!, vanished, cancellationToken);
        }
        else
        {
            await session.OpenFolderAsync(client, folder.FullName, cancellationToken);
        }

        return old is null || old.Path != folder.FullName || old.UidValidity != folder.UidValidity
            ? await FullAsync(client, folder, role, old, window, cancellationToken)
            : await IncrementalAsync(client, folder, role, old, quick ? vanished : null, cancellationToken);
    }

    /// <summary>The ids a folder state may have handed out, all reported removed (its folder was replaced or deleted).</summary>
    private static IEnumerable<string> Released(string role, ImapFolderState? old) =>
        old is null ? [] : old.KnownUids().Select(uid => ImapMailIds.Of(role, old.UidValidity, uid));

    private static async Task OpenQuickAsync(IMailFolder folder, ImapFolderState old, List<UniqueId> vanished, CancellationToken cancellationToken)
    {
        void OnVanished(object? sender, MessagesVanishedEventArgs e) => vanished.AddRange(e.UniqueIds);

        folder.MessagesVanished += OnVanished;
        try
        {
            if (folder.IsOpen)
            {
                await folder.CloseAsync(false, cancellationToken);
            }

            var known = new UniqueIdRange(UniqueId.MinValue, new UniqueId(old.HighestUid));
            await folder.OpenAsync(FolderAccess.ReadOnly, old.UidValidity, old.HighestModSeq!.Value, known, cancellationToken);
        }
        finally
        {
            folder.MessagesVanished -= OnVanished;
        }
    }

    private static async Task<ImapFolderPlan> FullAsync(
        ImapClient client, IMailFolder folder, string role, ImapFolderState? old, MailWindow window, CancellationToken cancellationToken)
    {
        var highestAtOpen = folder.UidNext is { Id: > 1 } next ? next.Id - 1 : 0;
        var found = await folder.SearchAsync(SearchQuery.DeliveredAfter(window.Since.UtcDateTime.Date), cancellationToken);
        var uids = found.OrderBy(u => u.Id).ToList();
        var highest = Math.Max(highestAtOpen, uids.Count == 0 ? 0 : uids[^1].Id);
        var lowest = uids.Count == 0 ? highest + 1 : uids[0].Id;
        var state = new ImapFolderState(folder.FullName, folder.UidValidity, highest, ModSeq(client, folder), lowest, Present(client, uids));
        return new ImapFolderPlan(role, Released(role, old), uids, state);
    }

    private static async Task<ImapFolderPlan> IncrementalAsync(
        ImapClient client, IMailFolder folder, string role, ImapFolderState old, List<UniqueId>? vanished, CancellationToken cancellationToken)
    {
        var above = new UniqueIdRange(new UniqueId(Math.Min(old.HighestUid, uint.MaxValue - 1) + 1), UniqueId.MaxValue);
        var news = (await folder.SearchAsync(SearchQuery.Uids(above), cancellationToken)).Where(u => u.Id > old.HighestUid).OrderBy(u => u.Id).ToList();
        var gone = vanished is not null ? [.. vanished.Where(u => u.Id <= old.HighestUid).Select(u => u.Id)] : await ExpungedAsync(folder, old, cancellationToken);
        var highest = news.Count == 0 ? old.HighestUid : Math.Max(old.HighestUid, news[^1].Id);
        var present = Present(client, old.KnownUids().Except(gone).Select(u => new UniqueId(u)).Concat(news));
        var state = old with { HighestUid = highest, HighestModSeq = ModSeq(client, folder), Present = present };
        return new ImapFolderPlan(role, gone.Select(uid => ImapMailIds.Of(role, old.UidValidity, uid)), news, state);
    }

    /// <summary>Without QRESYNC: the stored UIDs that a UID SEARCH no longer finds.</summary>
    private static async Task<IReadOnlyList<uint>> ExpungedAsync(IMailFolder folder, ImapFolderState old, CancellationToken cancellationToken)
    {
        var known = new UniqueIdSet(old.KnownUids().Select(u => new UniqueId(u)), SortOrder.Ascending);
        if (known.Count == 0)
        {
            return [];
        }

        var still = (await folder.SearchAsync(SearchQuery.Uids(known), cancellationToken)).Select(u => u.Id).ToHashSet();
        return [.. known.Select(u => u.Id).Where(u => !still.Contains(u))];
    }

    private static ulong? ModSeq(ImapClient client, IMailFolder folder) =>
        folder.HighestModSeq > 0 && client.Capabilities.HasFlag(ImapCapabilities.CondStore) ? folder.HighestModSeq : null;

    /// <summary>The UID set kept for servers without QRESYNC; null where VANISHED tells what was expunged.</summary>
    private static string? Present(ImapClient client, IEnumerable<UniqueId> uids) =>
        client.Capabilities.HasFlag(ImapCapabilities.QuickResync) ? null : new UniqueIdSet(uids, SortOrder.Ascending).ToString();
}
