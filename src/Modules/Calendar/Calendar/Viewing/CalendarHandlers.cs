using System.Text.Json;
using Mediator;
using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Viewing;

internal sealed class GetCalendarRangeHandler(CalendarAnswering answers) : IQueryHandler<GetCalendarRange, CalendarAnswer>
{
    public async ValueTask<CalendarAnswer> Handle(GetCalendarRange query, CancellationToken cancellationToken)
    {
        var from = IsoText.ParseDate(query.From);
        var to = IsoText.ParseDate(query.To);
        return await answers.AnswerAsync(query.OwnerKind, query.OwnerId, AnswerShape.Range, from, to, query.Tz!, query.IfNoneMatch, days =>
            JsonSerializer.SerializeToUtf8Bytes(
                new CalendarRange(IsoText.Date(from), IsoText.Date(to), query.Tz!, [.. days.Select(d => new CalendarDayItems(IsoText.Date(d.Key), d.Value.Count, d.Value))]),
                CalendarJson.Default.CalendarRange),
            cancellationToken);
    }
}

internal sealed class GetCalendarDayHandler(CalendarAnswering answers) : IQueryHandler<GetCalendarDay, CalendarAnswer>
{
    public async ValueTask<CalendarAnswer> Handle(GetCalendarDay query, CancellationToken cancellationToken)
    {
        var date = IsoText.ParseDate(query.Date);
        return await answers.AnswerAsync(query.OwnerKind, query.OwnerId, AnswerShape.Day, date, date, query.Tz!, query.IfNoneMatch, days =>
        {
            var items = days.TryGetValue(date, out var found) ? found : [];
            return JsonSerializer.SerializeToUtf8Bytes(new CalendarDay(IsoText.Date(date), query.Tz!, items.Count, items), CalendarJson.Default.CalendarDay);
        }, cancellationToken);
    }
}
