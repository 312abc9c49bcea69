using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.Providers.Google.Calendar;
using NavusoftSync.Synchronization.Providers.Google.Gmail;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Runs.Planning;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// Gmail and Google Calendar through our typed REST clients over Google.Apis' HTTP stack. Mail cursors are Gmail
/// historyIds, calendar cursors Calendar sync tokens; each rides on its round's last page.
/// </summary>
internal sealed partial class GoogleReader(GoogleSessionFactory sessions, IOptions<ProviderReadingOptions> options, ILogger<GoogleReader> logger) : IProviderReader
{
    public const string ProviderName = "google";

    public string Provider => ProviderName;

    /// <summary>A whole-window Gmail read may be planned by contact address (<see cref="GmailRounds.FullAsync"/>).</summary>
    public bool PlansFirstSync => true;

    public async IAsyncEnumerable<ProviderPage<MailItem>> ReadMailAsync(
        MailboxAccess access, string? cursor, MailWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var session = sessions.Open(access);
        var pages = cursor is null
            ? GmailRounds.FullAsync(session, window, options.Value, Hooks(access), cancellationToken)
            : GmailRounds.HistoryAsync(session, cursor, options.Value, cancellationToken);
        await foreach (var page in pages)
        {
            LogPage(logger, access.LinkId, "mail", page.Items.Count, page.Removed.Count, page.Malformed.Count, page.CursorAfter is not null);
            yield return page;
        }
    }

    public async IAsyncEnumerable<ProviderPage<CalendarItem>> ReadCalendarAsync(
        MailboxAccess access, string? cursor, CalendarWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var session = sessions.Open(access);
        await foreach (var page in GoogleCalendarRounds.ReadAsync(session, cursor, window, options.Value, cancellationToken))
        {
            LogPage(logger, access.LinkId, "calendar", page.Items.Count, page.Removed.Count, page.Malformed.Count, page.CursorAfter is not null);
            yield return page;
        }
    }

    public async Task<IReadOnlyDictionary<string, MessageContent>> ReadBodiesAsync(MailboxAccess access, IReadOnlyCollection<string> providerIds, CancellationToken cancellationToken)
    {
        if (providerIds.Count == 0)
        {
            return new Dictionary<string, MessageContent>(StringComparer.Ordinal);
        }

        var bodies = GmailPlannedContents.Take(access, providerIds);
        var unread = providerIds.Where(id => !bodies.ContainsKey(id)).ToList();
        if (unread.Count > 0)
        {
            using var session = sessions.Open(access);
            foreach (var (id, content) in await GmailBodies.ReadAsync(session.Gmail, unread, options.Value, cancellationToken))
            {
                bodies[id] = content;
            }
        }

        LogBodies(logger, access.LinkId, bodies.Count, providerIds.Count);
        return bodies;
    }

    /// <summary>A whole-window read's plan logged; the contents a planned read got kept for this run's body reads.</summary>
    private GmailRounds.FullReadHooks Hooks(MailboxAccess access) =>
        new((choice, facts) => LogPlan(logger, access.LinkId, choice, facts), (id, content) => GmailPlannedContents.Keep(access, id, content));

    public async IAsyncEnumerable<ProviderPage<MailItem>> SearchMailAsync(
        MailboxAccess access, IReadOnlyCollection<string> addresses, MailWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var targets = SearchAddresses.Require(addresses);
        using var session = sessions.Open(access);
        await foreach (var page in GmailRounds.SearchAsync(session, targets, window, options.Value, cancellationToken))
        {
            yield return page;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Link {LinkId}: Google {Part} page with {Items} items, {Removed} removed, {Malformed} malformed (last: {IsLast})")]
    private static partial void LogPage(ILogger logger, string linkId, string part, int items, int removed, int malformed, bool isLast);

    private static void LogPlan(ILogger logger, string linkId, FirstSyncChoice choice, FirstSyncFacts facts) =>
        LogPlan(logger, linkId, choice, facts.Contacts.Mode, facts.WindowMessages, facts.Contacts.Addresses.Count, facts.Searches, facts.EveryAddressSearchable && facts.Contacts.Complete);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: Gmail whole-window read {Choice} ({Mode}: about {Messages} messages, {Contacts} contact addresses in {Searches} searches, searchable: {Searchable})")]
    private static partial void LogPlan(ILogger logger, string linkId, FirstSyncChoice choice, FirstSyncPlanMode mode, int messages, int contacts, int searches, bool searchable);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Link {LinkId}: read {Bodies} of {Requested} Gmail message bodies")]
    private static partial void LogBodies(ILogger logger, string linkId, int bodies, int requested);
}
