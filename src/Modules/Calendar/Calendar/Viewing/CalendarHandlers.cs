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
        var read = new CalendarRead(query.OwnerKind, query.OwnerId, query.CallerId, AnswerShape.Range, from, to, query.Tz!);
        return await answers.AnswerAsync(read, query.IfNoneMatch, days =>
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
        var read = new CalendarRead(query.OwnerKind, query.OwnerId, query.CallerId, AnswerShape.Day, date, date, query.Tz!);
        return await answers.AnswerAsync(read, query.IfNoneMatch, days =>
        {
            var items = days.TryGetValue(date, out var found) ? found : [];
            return JsonSerializer.SerializeToUtf8Bytes(new CalendarDay(IsoText.Date(date), query.Tz!, items.Count, items), CalendarJson.Default.CalendarDay);
        }, cancellationToken);
    }
}
