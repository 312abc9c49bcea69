using System.Text.Json;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Calendar.Placement;
using NavusoftSync.Calendar.Privacy;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.ContactDirectory.Contracts;
using Npgsql;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// Reads a calendar's entries for a date range in a zone with one index range scan: timed items
/// whose start lies in [from 00:00, to+1 00:00) of the zone, all-day items dated within [from, to].
/// Then places each on its date in the zone (<see cref="CalendarDates"/>) and orders them. An account calendar that holds nothing
/// in the range asks ContactDirectory whether the account exists at all (unknown or another tenant's: 404).
/// </summary>
internal sealed class CalendarReader(IQuerySession session, ISender sender)
{
    /// <summary>
    /// One range of <c>(tenant_id, owner, start_key)</c>, the tenant named explicitly (raw SQL). It
    /// reads only the fields an answer shows, extracted from the JSON by PostgreSQL: no document is
    /// deserialized, and the database does not render whole documents as text. Instants come as
    /// their JSON values, read back by the serializer that wrote them (exact to the tick).
    /// </summary>
    internal static readonly string EntriesSql =
        $"select {Field(nameof(CalendarEntry.Kind))}, {Field(nameof(CalendarEntry.ItemId))}, {Field(nameof(CalendarEntry.Title))}, " +
        $"{Json(nameof(CalendarEntry.StartAt))}, ({Field(nameof(CalendarEntry.StartDay))})::int, " +
        $"{Json(nameof(CalendarEntry.EndAt))}, ({Field(nameof(CalendarEntry.EndDay))})::int, " +
        $"{Field(nameof(CalendarEntry.AccountIds))}, {Field(nameof(CalendarEntry.Status))}, " +
        $"{Field(nameof(CalendarEntry.Holders))}, ({Field(nameof(CalendarEntry.MarkedPrivate))})::boolean " +
        $"from {CalendarModule.Schema}.mt_doc_entry as d where d.tenant_id = $1 and d.owner = $2 and d.start_key >= $3 and d.start_key < $4";

    /// <summary>The tenant every read of this reader is answered in (the scope's).</summary>
    public string TenantId => session.TenantId;

    /// <summary>The calendar's current stamp (one primary-key lookup); null when it has none.</summary>
    public async Task<string?> StampAsync(string owner, CancellationToken ct) => (await session.LoadAsync<CalendarStamp>(owner, ct))?.Version;

    /// <summary>The entries of the range placed in the zone, each shown as <paramref name="viewer"/> may see it.</summary>
    public async Task<SortedDictionary<DateOnly, List<CalendarAnswerItem>>> ReadAsync(
        CalendarOwnerKind kind, string ownerId, DateOnly from, DateOnly to, TimeZoneInfo zone, CalendarViewer viewer, CancellationToken ct)
    {
        var owner = Owner(kind, ownerId);
        var window = EntryWindow.For(from, to, zone);
        var days = new SortedDictionary<DateOnly, List<(long Order, CalendarAnswerItem Item)>>();
        await using var command = new NpgsqlCommand(EntriesSql)
        {
            Parameters = { new() { Value = session.TenantId }, new() { Value = owner }, new() { Value = window.FirstKey }, new() { Value = window.EndKey } },
        };
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var entry = Entry(reader, owner);
                if (!window.Contains(entry))
                {
                    continue;
                }

                var (date, order, item) = Place(entry, zone, viewer.LevelOf(entry));
                if (!days.TryGetValue(date, out var list))
                {
                    days[date] = list = [];
                }

                list.Add((order, item));
            }
        }

        if (days.Count == 0 && kind == CalendarOwnerKind.Account && !await sender.Send(new AccountExists(ownerId), ct))
        {
            throw DomainException.NotFound("Account", ownerId);
        }

        var result = new SortedDictionary<DateOnly, List<CalendarAnswerItem>>();
        foreach (var (date, list) in days)
        {
            result[date] = [.. list.OrderBy(x => x.Order).ThenBy(x => x.Item.Id, StringComparer.Ordinal).Select(x => x.Item)];
        }

        return result;
    }

    public static string Owner(CalendarOwnerKind kind, string ownerId) =>
        kind == CalendarOwnerKind.User ? CalendarOwners.User(ownerId) : CalendarOwners.Account(ownerId);

    private static string Field(string property) => $"d.data ->> '{JsonNamingPolicy.CamelCase.ConvertName(property)}'";

    private static string Json(string property) => $"(d.data -> '{JsonNamingPolicy.CamelCase.ConvertName(property)}')::text";

    /// <summary>An entry from a row of <see cref="EntriesSql"/> (instants as Marten's serializer wrote them).</summary>
    private static CalendarEntry Entry(System.Data.Common.DbDataReader row, string owner) => new(
        string.Empty, owner, row.GetString(0), row.GetString(1), row.GetString(2),
        row.IsDBNull(3) ? null : Instant(row.GetString(3)), row.IsDBNull(4) ? null : row.GetInt32(4),
        row.IsDBNull(5) ? null : Instant(row.GetString(5)), row.IsDBNull(6) ? null : row.GetInt32(6),
        row.IsDBNull(7) ? [] : JsonSerializer.Deserialize(row.GetString(7), CalendarEntryJson.Default.ListString) ?? [],
        row.IsDBNull(8) ? null : row.GetString(8),
        row.IsDBNull(9) ? [] : JsonSerializer.Deserialize(row.GetString(9), CalendarEntryJson.Default.ListString) ?? [],
        !row.IsDBNull(10) && row.GetBoolean(10));

    private static DateTimeOffset? Instant(string json) => JsonSerializer.Deserialize(json, CalendarEntryJson.Default.NullableDateTimeOffset);

    /// <summary>
    /// An entry as an answer shows it at <paramref name="level"/>: its title as that level shows it
    /// (<see cref="VisibleContent.Title(string, string, string)"/>), instants in the zone, all-day dates as they are;
    /// placed by <see cref="CalendarDates.Place"/>.
    /// </summary>
    private static (DateOnly Date, long Order, CalendarAnswerItem Item) Place(CalendarEntry entry, TimeZoneInfo zone, string level)
    {
        var (date, order, localStart) = CalendarDates.Place(entry, zone);
        var start = localStart is { } local ? IsoText.Instant(local) : IsoText.Date(date);
        var end = entry.EndAt is { } endAt ? IsoText.Instant(TimeZones.InZone(endAt, zone))
            : entry.EndDay is { } endDay ? IsoText.Date(DateOnly.FromDayNumber(endDay)) : null;
        var title = VisibleContent.Title(entry.Kind, entry.Title, level);
        return (date, order, new CalendarAnswerItem(entry.Kind, entry.ItemId, title, start, end, entry.AccountIds, entry.Status, level));
    }
}

/// <summary>
/// What a range asks of the entries: timed starts in [<see cref="StartUtc"/>, <see cref="EndUtc"/>),
/// all-day dates in [<see cref="FirstDay"/>, <see cref="LastDay"/>]; and the one <c>start_key</c>
/// range [<see cref="FirstKey"/>, <see cref="EndKey"/>) that holds both (a zone's day window lies
/// within a few hours of the UTC day window, so the rows read beyond the answer are those few hours).
/// </summary>
internal readonly record struct EntryWindow(DateTimeOffset StartUtc, DateTimeOffset EndUtc, int FirstDay, int LastDay, long FirstKey, long EndKey)
{
    public static EntryWindow For(DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        var startUtc = TimeZones.StartOf(from, zone);
        var endUtc = TimeZones.StartOf(to.AddDays(1), zone);
        var firstKey = Math.Min(CalendarEntry.InstantKey(startUtc), CalendarEntry.DayKey(from.DayNumber));
        var endKey = Math.Max(CalendarEntry.InstantKey(endUtc) + 1, CalendarEntry.DayKey(to.DayNumber + 1));
        return new(startUtc, endUtc, from.DayNumber, to.DayNumber, firstKey, endKey);
    }

    public bool Contains(CalendarEntry entry) =>
        entry.StartAt is { } at ? at >= StartUtc && at < EndUtc : entry.StartDay is { } day && day >= FirstDay && day <= LastDay;
}
