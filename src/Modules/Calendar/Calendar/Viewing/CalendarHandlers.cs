using Mediator;
using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Viewing;

internal sealed class GetCalendarRangeHandler(CalendarReader reader) : IQueryHandler<GetCalendarRange, CalendarRange>
{
    public async ValueTask<CalendarRange> Handle(GetCalendarRange query, CancellationToken cancellationToken)
    {
        var zone = TimeZones.Find(query.Tz)!;
        var from = IsoText.ParseDate(query.From);
        var to = IsoText.ParseDate(query.To);
        var days = await reader.ReadAsync(query.OwnerKind, query.OwnerId, from, to, zone, cancellationToken);
        return new CalendarRange(IsoText.Date(from), IsoText.Date(to), query.Tz!,
            [.. days.Select(d => new CalendarDayItems(IsoText.Date(d.Key), d.Value.Count, d.Value))]);
    }
}

internal sealed class GetCalendarDayHandler(CalendarReader reader) : IQueryHandler<GetCalendarDay, CalendarDay>
{
    public async ValueTask<CalendarDay> Handle(GetCalendarDay query, CancellationToken cancellationToken)
    {
        var zone = TimeZones.Find(query.Tz)!;
        var date = IsoText.ParseDate(query.Date);
        var days = await reader.ReadAsync(query.OwnerKind, query.OwnerId, date, date, zone, cancellationToken);
        var items = days.TryGetValue(date, out var found) ? found : [];
        return new CalendarDay(IsoText.Date(date), query.Tz!, items.Count, items);
    }
}
