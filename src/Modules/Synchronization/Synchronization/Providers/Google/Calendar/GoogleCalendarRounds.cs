using System.Net;
using System.Runtime.CompilerServices;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google.Calendar;

/// <summary>
/// Calendar rounds on <c>primary</c>, instances expanded (<c>singleEvents</c>), cancelled ones included. Full: the window
/// (<c>timeMin</c>/<c>timeMax</c>); incremental: the <c>syncToken</c> alone fixes the query. Pages chain by <c>pageToken</c>;
/// the last one carries <c>nextSyncToken</c>. 410 <c>fullSyncRequired</c> = expired.
/// </summary>
internal static class GoogleCalendarRounds
{
    public static async IAsyncEnumerable<ProviderPage<CalendarItem>> ReadAsync(
        GoogleSession session, string? cursor, CalendarWindow window, ProviderReadingOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = new EventsListRequest
        {
            SingleEvents = true,
            ShowDeleted = true,
            MaxResults = options.PageSize,
            SyncToken = cursor,
            TimeMin = cursor is null ? window.Start : null,
            TimeMax = cursor is null ? window.End : null,
        };
        string? pageToken = null;
        do
        {
            var request = first with { PageToken = pageToken };
            var events = await GoogleCalls.SendAsync(() => session.Calendar.EventsListAsync("primary", request, cancellationToken), "the calendar events", HttpStatusCode.Gone);
            var page = new PageBuilder<CalendarItem>();
            foreach (var item in events.Items ?? [])
            {
                page.Guard(item?.Id, () => GoogleEvents.AddTo(page, item!));
            }

            pageToken = events.NextPageToken;
            if (pageToken is null)
            {
                yield return page.Build(events.NextSyncToken is { Length: > 0 } next ? next : throw new ProviderUnavailableException("The last calendar page had no nextSyncToken."));
            }
            else if (!page.IsEmpty)
            {
                yield return page.Build(null);
            }
        }
        while (pageToken is not null);
    }
}
