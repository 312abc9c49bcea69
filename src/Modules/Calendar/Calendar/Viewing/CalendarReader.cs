using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Errors;
using NavusoftSync.Calendar.Placement;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// Reads a calendar's entries for a date range in a zone with one indexed query: timed items whose
/// start lies in [from 00:00, to+1 00:00) of the zone, all-day items dated within [from, to]. Then
/// places each on its date in the zone and orders them. An account calendar that holds nothing in
/// the range asks ContactDirectory whether the account exists at all (unknown or another tenant's: 404).
/// </summary>
internal sealed class CalendarReader(IQuerySession session, ISender sender)
{
    public async Task<SortedDictionary<DateOnly, List<CalendarItem>>> ReadAsync(
        CalendarOwnerKind kind, string ownerId, DateOnly from, DateOnly to, TimeZoneInfo zone, CancellationToken ct)
    {
        var owner = kind == CalendarOwnerKind.User ? CalendarOwners.User(ownerId) : CalendarOwners.Account(ownerId);
        var entries = await Entries(session, owner, from, to, zone).ToListAsync(ct);

        if (entries.Count == 0 && kind == CalendarOwnerKind.Account && !await sender.Send(new AccountExists(ownerId), ct))
        {
            throw new NotFoundException("Account", ownerId);
        }

        var days = new SortedDictionary<DateOnly, List<(long Sort, CalendarItem Item)>>();
        foreach (var entry in entries)
        {
            var (date, sort, item) = Place(entry, zone);
            if (!days.TryGetValue(date, out var list))
            {
                days[date] = list = [];
            }

            list.Add((sort, item));
        }

        var result = new SortedDictionary<DateOnly, List<CalendarItem>>();
        foreach (var (date, list) in days)
        {
            result[date] = [.. list.OrderBy(x => x.Sort).ThenBy(x => x.Item.Id, StringComparer.Ordinal).Select(x => x.Item)];
        }

        return result;
    }

    /// <summary>The one indexed query of a range (also explained by the benchmark).</summary>
    internal static IQueryable<CalendarEntry> Entries(IQuerySession session, string owner, DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        DateTimeOffset? startUtc = TimeZones.StartOf(from, zone);
        DateTimeOffset? endUtc = TimeZones.StartOf(to.AddDays(1), zone);
        int? firstDay = from.DayNumber;
        int? lastDay = to.DayNumber;
        return session.Query<CalendarEntry>()
            .Where(e => e.Owner == owner && ((e.StartAt >= startUtc && e.StartAt < endUtc) || (e.StartDay >= firstDay && e.StartDay <= lastDay)));
    }

    /// <summary>All-day items first on their date (they start at the day's beginning), then timed ones by instant.</summary>
    private static (DateOnly Date, long Sort, CalendarItem Item) Place(CalendarEntry entry, TimeZoneInfo zone)
    {
        if (entry.StartAt is { } startAt)
        {
            var end = entry.EndAt is { } endAt ? IsoText.Instant(TimeZones.InZone(endAt, zone))
                : entry.EndDay is { } endDay ? IsoText.Date(DateOnly.FromDayNumber(endDay)) : null;
            var item = new CalendarItem(entry.Kind, entry.ItemId, entry.Title, IsoText.Instant(TimeZones.InZone(startAt, zone)), end, entry.AccountIds, entry.Status);
            return (TimeZones.DateOf(startAt, zone), startAt.UtcTicks, item);
        }

        var day = DateOnly.FromDayNumber(entry.StartDay ?? 0);
        var allDayEnd = entry.EndDay is { } last ? IsoText.Date(DateOnly.FromDayNumber(last))
            : entry.EndAt is { } endInstant ? IsoText.Instant(TimeZones.InZone(endInstant, zone)) : null;
        return (day, long.MinValue, new CalendarItem(entry.Kind, entry.ItemId, entry.Title, IsoText.Date(day), allDayEnd, entry.AccountIds, entry.Status));
    }
}
