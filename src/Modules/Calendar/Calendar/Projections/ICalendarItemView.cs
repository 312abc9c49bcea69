namespace NavusoftSync.Calendar.Projections;

/// <summary>
/// A read-side view of one item stream that <see cref="CalendarProjection"/> folds and places on
/// calendars: an email thread or an appointment.
/// </summary>
internal interface ICalendarItemView<TSelf>
    where TSelf : class, ICalendarItemView<TSelf>
{
    string Id { get; }

    /// <summary>The calendars (<see cref="CalendarOwners"/> keys) the projection has put an entry on.</summary>
    IReadOnlyList<string> PlacedOwners { get; }

    /// <summary>The key of the item stream <paramref name="data"/> belongs to; null for any other event.</summary>
    static abstract string? StreamKey(object data);

    /// <summary>Folds one event of the stream <paramref name="key"/>; null while the item does not exist yet.</summary>
    static abstract TSelf? Fold(TSelf? view, string key, object data);

    /// <summary>The item's entry template and the calendars it should be on (<see cref="CalendarPlacement"/>).</summary>
    (CalendarEntry? Template, IReadOnlyList<string> Owners) Placement();

    TSelf WithPlacedOwners(IReadOnlyList<string> owners);
}
