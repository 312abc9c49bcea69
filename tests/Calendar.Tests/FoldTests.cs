using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Calendar.Tests;

public sealed class FoldTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private static ThreadMessageRecorded Message(string key, DateTimeOffset sent, string subject) =>
        new("t", key, subject, new Participant("Dana", "dana@x.com"), [], [], sent, null, null, At);

    private static EmailThreadView Thread(params object[] events) => events.Aggregate(EmailThreadView.Empty("t"), EmailThreadView.Fold);

    [Fact]
    public void The_thread_starts_with_its_earliest_message_whatever_the_arrival_order()
    {
        var view = Thread(Message("m2", Sent, "RE: Hi"), Message("m1", Sent.AddDays(-1), "Hi"), Message("m3", Sent.AddDays(1), "RE: RE: Hi"));
        Assert.Equal(["m1", "m2", "m3"], view.Messages.Select(m => m.MessageKey));
        Assert.Equal((Sent.AddDays(-1), "Hi"), (view.StartedAt, view.Subject));
        Assert.Equal(view.Messages, Thread(Message("m3", Sent.AddDays(1), "RE: RE: Hi"), Message("m1", Sent.AddDays(-1), "Hi"), Message("m2", Sent, "RE: Hi")).Messages);
    }

    [Fact]
    public void Holders_and_accounts_are_sets_in_canonical_order()
    {
        var view = Thread(
            Message("m1", Sent, "Hi"),
            new ThreadMessageHeld("t", "m1", "eli", "l2", At), new ThreadMessageHeld("t", "m1", "dana", "l1", At), new ThreadMessageHeld("t", "m1", "dana", "l1", At),
            new ThreadAccountMatched("t", "b", ["y@x.com", "x@x.com"], At), new ThreadAccountMatched("t", "a", ["x@x.com"], At), new ThreadAccountMatched("t", "b", ["z@x.com"], At));
        Assert.Equal(["dana", "eli"], view.Holders.Select(h => h.UserId));
        Assert.Equal(["a", "b"], view.Accounts.Select(a => a.AccountId));
        Assert.Equal(["z@x.com"], view.Accounts[1].MatchedContacts);

        var (template, owners) = CalendarPlacement.Of(view);
        Assert.Equal(["account:a", "account:b", "user:dana", "user:eli"], owners);
        Assert.Equal(["a", "b"], template!.AccountIds);

        var released = EmailThreadView.Fold(view, new ThreadMessageReleased("t", "m1", "dana", "l1", At));
        Assert.Equal(["account:a", "account:b", "user:eli"], CalendarPlacement.Of(released).Owners);
    }

    [Fact]
    public void A_thread_without_messages_has_no_entries() =>
        Assert.Equal((null, 0), (CalendarPlacement.Of(Thread(new ThreadMessageHeld("t", "m1", "dana", "l1", At))).Template, CalendarPlacement.Of(Thread()).Owners.Count));

    [Fact]
    public void An_appointment_ignores_events_before_it_is_scheduled_and_places_all_day_on_its_date()
    {
        Assert.Null(AppointmentView.Fold(null, new AppointmentCancelled("a", At)));
        var view = AppointmentView.Fold(null, new AppointmentScheduled("a", "Fair", When.On(new DateOnly(2026, 3, 8)), When.On(new DateOnly(2026, 3, 10)), true, null, null, [], null, At));
        view = AppointmentView.Fold(view, new AppointmentHeld("a", "dana", "l1", At));
        view = AppointmentView.Fold(view, new AppointmentCancelled("a", At));

        var (template, owners) = CalendarPlacement.Of(view!);
        Assert.Equal(["user:dana"], owners);
        Assert.Equal((null, new DateOnly(2026, 3, 8).DayNumber, new DateOnly(2026, 3, 10).DayNumber, "Cancelled"), (template!.StartAt, template.StartDay, template.EndDay, template.Status));
    }
}
