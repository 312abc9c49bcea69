using Microsoft.Extensions.Logging;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>
/// What changed in one calendar since its stored state: the member paths to read again, those deleted, and the state to
/// store once they are read (<see cref="CalDavCalendarState.Held"/> still to be filled by the reader). <see cref="Full"/>
/// when every member was listed (a first round or a resync), so a held resource not listed is gone.
/// </summary>
internal sealed record CalDavChangeSet(IReadOnlyList<string> Changed, IReadOnlyList<string> Deleted, CalDavCalendarState Next, bool Full);

/// <summary>
/// Finds a calendar's changes. With a sync-token on the collection: REPORT sync-collection (RFC 6578) from the stored token,
/// or from the empty token on a first round; an unchanged token asks nothing; a token the server no longer accepts
/// (403/409 with <c>DAV:valid-sync-token</c>) resyncs this calendar alone from the empty token; a server that refuses the
/// report falls back to ETags. Without a sync-token: an unchanged getctag asks nothing, else PROPFIND Depth 1 lists the
/// members' ETags, compared with the stored ones.
/// </summary>
internal static class CalDavChanges
{
    public static async Task<CalDavChangeSet> FindAsync(CalDavSession session, CalDavCalendar calendar, CalDavCalendarState? stored, ILogger logger, CancellationToken cancellationToken)
    {
        if (calendar.SyncToken is null)
        {
            return await ByETagsAsync(session, calendar, stored, cancellationToken);
        }

        if (stored?.SyncToken is { } token && token == calendar.SyncToken)
        {
            return new CalDavChangeSet([], [], stored with { CTag = null, ETags = null }, Full: false);
        }

        var changes = await SyncAsync(session, calendar, stored?.SyncToken, cancellationToken);
        if (changes is null && stored?.SyncToken is not null)
        {
            logger.LogInformation("CalDAV calendar {Calendar}: the stored sync token is no longer valid; reading the calendar again", calendar.Path);
            changes = await SyncAsync(session, calendar, null, cancellationToken);
        }

        return changes ?? await ByETagsAsync(session, calendar, stored, cancellationToken);
    }

    /// <summary>sync-collection from <paramref name="token"/> (null: the empty token); null when the server refused the token or the report.</summary>
    private static async Task<CalDavChangeSet?> SyncAsync(CalDavSession session, CalDavCalendar calendar, string? token, CancellationToken cancellationToken)
    {
        var full = token is null;
        var members = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var round = 0; round < CalDavLimits.MaxSyncContinuations; round++)
        {
            var answer = await session.SendAsync("REPORT", calendar.Url, "0", DavXml.SyncCollection(token), cancellationToken);
            if (answer.Status != 207 || answer.TooLarge)
            {
                return answer.Status is 400 or 403 or 404 or 405 or 409 or 415 or 422 or 501 && !answer.TooLarge
                    ? null
                    : throw new ProviderUnavailableException($"The CalDAV server {calendar.Url.Authority} answered {answer.Status} to sync-collection{(answer.TooLarge ? " with too large an answer" : string.Empty)}.");
            }

            var status = DavXml.ReadMultistatus(answer.Body);
            var truncated = false;
            foreach (var response in status.Responses)
            {
                truncated |= response.Status == 507 && CalDavPaths.Resolve(calendar.Url, response.Href) == calendar.Path;
                if (calendar.MemberPath(response.Href) is { } path && response.Status is 200 or 404)
                {
                    members[path] = response.Status == 200;
                }
            }

            token = status.SyncToken ?? throw new ProviderUnavailableException($"The CalDAV server {calendar.Url.Authority} answered sync-collection without a sync token.");
            if (!truncated)
            {
                return new CalDavChangeSet(
                    [.. members.Where(m => m.Value).Select(m => m.Key)], [.. members.Where(m => !m.Value).Select(m => m.Key)], new CalDavCalendarState { SyncToken = token }, full);
            }
        }

        throw new ProviderUnavailableException($"The CalDAV server {calendar.Url.Authority} kept truncating its sync-collection answer.");
    }

    /// <summary>getctag, then the members' ETags compared with the stored ones (all of them read when none are stored).</summary>
    private static async Task<CalDavChangeSet> ByETagsAsync(CalDavSession session, CalDavCalendar calendar, CalDavCalendarState? stored, CancellationToken cancellationToken)
    {
        if (stored?.ETags is { } known && calendar.CTag is not null && stored.CTag == calendar.CTag)
        {
            return new CalDavChangeSet([], [], stored with { SyncToken = null }, Full: false);
        }

        var answer = await session.SendAsync("PROPFIND", calendar.Url, "1", DavXml.ETagsPropfind, cancellationToken);
        if (answer.Status != 207 || answer.TooLarge)
        {
            throw new ProviderUnavailableException($"The CalDAV server {calendar.Url.Authority} answered {answer.Status} when asked for the events' ETags.");
        }

        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var response in DavXml.ReadMultistatus(answer.Body).Responses)
        {
            if (response is { Status: 200, IsCalendar: false } && calendar.MemberPath(response.Href) is { } path)
            {
                listed[calendar.NameOf(path)] = response.ETag ?? string.Empty;
            }
        }

        var before = stored?.ETags ?? new Dictionary<string, string>();
        var changed = listed.Where(l => l.Value.Length == 0 || !before.TryGetValue(l.Key, out var etag) || etag != l.Value).Select(l => calendar.Path + l.Key);
        var deleted = before.Keys.Where(name => !listed.ContainsKey(name)).Select(name => calendar.Path + name);
        return new CalDavChangeSet([.. changed], [.. deleted], new CalDavCalendarState { CTag = calendar.CTag, ETags = listed }, Full: stored?.ETags is null);
    }
}
