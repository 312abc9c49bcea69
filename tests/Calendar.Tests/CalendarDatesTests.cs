using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Calendar.Placement;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Calendar.Tests;

/// <summary>Where an item's calendar date is decided: its start, and the date that start shows on in a zone.</summary>
public sealed class CalendarDatesTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Chicago = TimeZoneLookup.Find("America/Chicago")!;
    private static readonly TimeZoneInfo Sydney = TimeZoneLookup.Find("Australia/Sydney")!;

    private static CalendarEntry Timed(DateTimeOffset at) => new("x", "user:u", "email", "t", "T", at, null, null, null, [], null, [], false);

    private static CalendarEntry AllDay(DateOnly day) => new("x", "user:u", "appointment", "a", "A", null, day.DayNumber, null, null, [], "Scheduled", [], false);

    private static AppointmentView Appointment(When start, When end) =>
        AppointmentView.Fold(null, new AppointmentScheduled("a", "Fair", start, end, start.Date is not null, null, null, [], null, At))!;

    [Fact]
    public void A_thread_starts_at_its_earliest_message_in_utc_and_without_messages_has_no_start()
    {
        var sent = new DateTimeOffset(2026, 3, 8, 1, 30, 0, TimeSpan.FromHours(-6));
        var thread = EmailThreadView.Fold(
            EmailThreadView.Fold(EmailThreadView.Empty("t"), new ThreadMessageRecorded("t", "m2", "RE: Hi", null, [], [], sent.AddHours(5), null, null, At)),
            new ThreadMessageRecorded("t", "m1", "Hi", null, [], [], sent, null, null, At));

        var start = CalendarDates.StartOf(thread);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero), start.At);
        Assert.Equal(TimeSpan.Zero, start.At!.Value.Offset);
        Assert.Null(start.Day);
        Assert.True(CalendarDates.StartOf(EmailThreadView.Empty("t")).IsNone);
    }

    [Fact]
    public void An_appointment_starts_at_its_instant_or_on_its_own_date()
    {
        var timed = Appointment(When.At(new DateTimeOffset(2026, 3, 8, 3, 30, 0, TimeSpan.FromHours(-5))), When.At(new DateTimeOffset(2026, 3, 8, 4, 0, 0, TimeSpan.FromHours(-5))));
        Assert.Equal(new EntryTime(new DateTimeOffset(2026, 3, 8, 8, 30, 0, TimeSpan.Zero), null), CalendarDates.StartOf(timed));
        Assert.Equal(new EntryTime(new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.Zero), null), CalendarDates.EndOf(timed));

        var allDay = Appointment(When.On(new DateOnly(2026, 3, 8)), When.On(new DateOnly(2026, 3, 10)));
        Assert.Equal(new EntryTime(null, 739_682), CalendarDates.StartOf(allDay));
        Assert.Equal(new EntryTime(null, 739_684), CalendarDates.EndOf(allDay));
    }

    [Fact]
    public void A_timed_item_shows_on_the_date_its_instant_falls_on_in_the_zone()
    {
        Assert.Equal(new DateOnly(2026, 3, 7), CalendarDates.Place(Timed(new DateTimeOffset(2026, 3, 8, 5, 59, 0, TimeSpan.Zero)), Chicago).Date);
        Assert.Equal(new DateOnly(2026, 3, 8), CalendarDates.Place(Timed(new DateTimeOffset(2026, 3, 8, 6, 0, 0, TimeSpan.Zero)), Chicago).Date);
        Assert.Equal(new DateOnly(2026, 3, 9), CalendarDates.Place(Timed(new DateTimeOffset(2026, 3, 8, 13, 0, 0, TimeSpan.Zero)), Sydney).Date);
        Assert.Equal(new DateOnly(2026, 3, 8), CalendarDates.Place(Timed(new DateTimeOffset(2026, 3, 8, 12, 59, 0, TimeSpan.Zero)), Sydney).Date);
    }

    [Fact]
    public void An_all_day_item_shows_on_its_own_date_in_every_zone_before_the_timed_ones()
    {
        var day = new DateOnly(2026, 3, 8);

        Assert.Equal(day, CalendarDates.Place(AllDay(day), Chicago).Date);
        Assert.Equal(day, CalendarDates.Place(AllDay(day), Sydney).Date);

        var midnight = CalendarDates.Place(Timed(TimeZones.StartOf(day, Chicago)), Chicago);
        var later = CalendarDates.Place(Timed(TimeZones.StartOf(day, Chicago).AddTicks(1)), Chicago);
        Assert.Equal(day, midnight.Date);
        Assert.True(CalendarDates.Place(AllDay(day), Chicago).Order < midnight.Order);
        Assert.True(midnight.Order < later.Order);
    }
}
