using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Kiota.Abstractions;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// The calendarView delta round over the window (occurrences expanded by Graph), times in UTC and bodies as text.
/// A series master's iCalUId is looked up once per round and used for all its occurrences.
/// </summary>
internal static class GraphCalendarDelta
{
    public static async IAsyncEnumerable<(PageBuilder<CalendarItem> Page, string? DeltaLink)> ReadAsync(
        GraphSession session, string? deltaLink, CalendarWindow window, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var builder = session.Client.Me.CalendarView.Delta;
        var masters = new Dictionary<string, string?>(StringComparer.Ordinal);
        var response = await GraphCalls.SendAsync(
            c => deltaLink is null
                ? builder.GetAsDeltaGetResponseAsync(r =>
                {
                    r.QueryParameters.StartDateTime = Instant(window.Start);
                    r.QueryParameters.EndDateTime = Instant(window.End);
                    Prefer(r.Headers, pageSize);
                }, c)
                : builder.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(r => Prefer(r.Headers, pageSize), c),
            "the calendarView delta",
            cancellationToken);
        while (true)
        {
            var page = new PageBuilder<CalendarItem>();
            await GraphEvents.AddToAsync(page, response?.Value, master => SeriesUidAsync(session, masters, master, cancellationToken));
            var next = response?.OdataNextLink;
            if (next is null)
            {
                yield return (page, response?.OdataDeltaLink ?? throw new ProviderUnavailableException("A calendarView delta page had neither a nextLink nor a deltaLink."));
                yield break;
            }

            yield return (page, null);
            response = await GraphCalls.SendAsync(c => builder.WithUrl(next).GetAsDeltaGetResponseAsync(r => Prefer(r.Headers, pageSize), c), "the calendarView delta", cancellationToken);
        }
    }

    private static async Task<string?> SeriesUidAsync(GraphSession session, Dictionary<string, string?> masters, string masterId, CancellationToken cancellationToken)
    {
        if (!masters.TryGetValue(masterId, out var uid))
        {
            var master = await GraphCalls.FindAsync(
                c => session.Client.Me.Events[masterId].GetAsync(r => r.QueryParameters.Select = ["iCalUId"], c),
                "a series master",
                cancellationToken);
            masters[masterId] = uid = master?.ICalUId;
        }

        return uid;
    }

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Prefer(RequestHeaders headers, int pageSize)
    {
        headers.Add("Prefer", "odata.maxpagesize=" + pageSize.ToString(CultureInfo.InvariantCulture));
        headers.Add("Prefer", "outlook.timezone=\"UTC\"");
        headers.Add("Prefer", "outlook.body-content-type=\"text\"");
    }
}
