using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// Microsoft 365 through the Graph SDK: message delta on Inbox then Sent Items, calendarView delta over the window, bodies
/// by <c>$batch</c>, look-back by <c>$search</c>. A round's cursor (only ever deltaLinks) rides on its last page.
/// </summary>
internal sealed partial class GraphReader(
    GraphSessionFactory sessions,
    IOptions<ProviderReadingOptions> options,
    TimeProvider clock,
    ILogger<GraphReader> logger) : IProviderReader
{
    public const string ProviderName = "microsoft";

    public string Provider => ProviderName;

    public async IAsyncEnumerable<ProviderPage<MailItem>> ReadMailAsync(
        MailboxAccess access, string? cursor, MailWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var session = sessions.Open(access);
        var previous = cursor is null ? null : GraphCursors.ReadMail(cursor, session.BaseUrl);
        var deltaLinks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in GraphCursors.MailFolders)
        {
            var pages = GraphMailDelta.ReadAsync(session, folder, previous?[folder], window, options.Value.PageSize, cancellationToken);
            await foreach (var (page, deltaLink) in pages)
            {
                var last = deltaLink is not null && folder == GraphCursors.MailFolders[^1];
                if (deltaLink is not null)
                {
                    deltaLinks[folder] = deltaLink;
                }

                if (!page.IsEmpty || last)
                {
                    LogPage(logger, access.LinkId, folder, page.Items.Count, page.Removed.Count, page.Malformed.Count, last);
                    yield return page.Build(last ? GraphCursors.WriteMail(deltaLinks) : null);
                }
            }
        }
    }

    public async IAsyncEnumerable<ProviderPage<CalendarItem>> ReadCalendarAsync(
        MailboxAccess access, string? cursor, CalendarWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var session = sessions.Open(access);
        var deltaLink = cursor is null ? null : GraphCursors.ReadCalendar(cursor, session.BaseUrl);
        await foreach (var (page, nextDeltaLink) in GraphCalendarDelta.ReadAsync(session, deltaLink, window, options.Value.PageSize, cancellationToken))
        {
            if (!page.IsEmpty || nextDeltaLink is not null)
            {
                LogPage(logger, access.LinkId, "calendar", page.Items.Count, page.Removed.Count, page.Malformed.Count, nextDeltaLink is not null);
                yield return page.Build(nextDeltaLink);
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, MessageContent>> ReadBodiesAsync(MailboxAccess access, IReadOnlyCollection<string> providerIds, CancellationToken cancellationToken)
    {
        if (providerIds.Count == 0)
        {
            return new Dictionary<string, MessageContent>(StringComparer.Ordinal);
        }

        using var session = sessions.Open(access);
        var bodies = await GraphBodies.ReadAsync(session, providerIds, options.Value, clock, cancellationToken);
        LogBodies(logger, access.LinkId, bodies.Count, providerIds.Count);
        return bodies;
    }

    public async IAsyncEnumerable<ProviderPage<MailItem>> SearchMailAsync(
        MailboxAccess access, IReadOnlyCollection<string> addresses, MailWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var targets = SearchAddresses.Require(addresses);
        using var session = sessions.Open(access);
        await foreach (var page in GraphSearch.ReadAsync(session, targets, window, options.Value.PageSize, cancellationToken))
        {
            yield return page;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Link {LinkId}: Graph {Part} page with {Items} items, {Removed} removed, {Malformed} malformed (last: {IsLast})")]
    private static partial void LogPage(ILogger logger, string linkId, string part, int items, int removed, int malformed, bool isLast);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Link {LinkId}: read {Bodies} of {Requested} Graph message bodies")]
    private static partial void LogBodies(ILogger logger, string linkId, int bodies, int requested);
}
