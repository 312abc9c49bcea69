using NavusoftSync.Calendar.Privacy;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Privacy;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Calendar.Tests;

/// <summary>Private marks and erasures as the calendar views fold them, and what each level shows of a title.</summary>
public sealed class PrivacyFoldTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private static ThreadMessageRecorded Message(string key, string subject = "Hi") =>
        new("t", key, subject, new Participant("Dana", "dana@x.com"), [new Participant(null, "pat@y.com")], [], Sent, "snip", "body", At);

    private static EmailThreadView Thread(params object[] events) => events.Aggregate(EmailThreadView.Empty("t"), EmailThreadView.Fold);

    private static EmailThreadView Held() => Thread(
        Message("m1"), new ThreadMessageHeld("t", "m1", "dana", "l1", At), new ThreadMessageHeld("t", "m1", "eli", "l2", At),
        new ThreadAccountMatched("t", "a", ["pat@y.com"], At));

    [Fact]
    public void Marks_are_a_set_of_users_and_count_only_while_their_user_holds_the_item()
    {
        var view = Thread(Message("m1"), new ThreadMessageHeld("t", "m1", "eli", "l2", At), new ThreadMessageHeld("t", "m1", "dana", "l1", At),
            new ThreadMarkedPrivate("t", "eli", true, At), new ThreadMarkedPrivate("t", "dana", true, At), new ThreadMarkedPrivate("t", "dana", true, At));
        Assert.Equal(["dana", "eli"], view.MarkedPrivateBy);
        Assert.True(CalendarPlacement.Of(view).Template!.MarkedPrivate);

        view = EmailThreadView.Fold(view, new ThreadMarkedPrivate("t", "dana", false, At));
        view = EmailThreadView.Fold(view, new ThreadMessageReleased("t", "m1", "eli", "l2", At));
        Assert.Equal(["eli"], view.MarkedPrivateBy);
        Assert.False(CalendarPlacement.Of(view).Template!.MarkedPrivate); // eli no longer holds it
        Assert.Equal(["dana"], CalendarPlacement.Of(view).Template!.Holders);
    }

    [Fact]
    public void Account_entries_carry_holders_and_the_mark_and_user_entries_neither()
    {
        var template = CalendarPlacement.Of(EmailThreadView.Fold(Held(), new ThreadMarkedPrivate("t", "eli", true, At))).Template!;
        var account = template.For(CalendarOwners.Account("a"));
        var user = template.For(CalendarOwners.User("dana"));
        Assert.Equal(["dana", "eli"], account.Holders);
        Assert.True(account.MarkedPrivate);
        Assert.Empty(user.Holders);
        Assert.False(user.MarkedPrivate);
        Assert.True(account.SameContent(user));
        Assert.False(account.SameAccess(user));
    }

    [Fact]
    public void An_erased_thread_keeps_nothing_but_who_erased_it_and_leaves_every_calendar()
    {
        var view = EmailThreadView.Fold(
            EmailThreadView.Fold(Held(), new ThreadMarkedPrivate("t", "eli", true, At)) with { PlacedOwners = ["account:a", "user:dana", "user:eli"] },
            new ThreadErased("t", "admin", "asked by the customer", false, At));

        Assert.Equal(("", 0, 0, 0, 0), (view.Subject, view.Messages.Count, view.Holders.Count, view.Accounts.Count, view.MarkedPrivateBy.Count));
        Assert.Equal(new ViewErasure("admin", "asked by the customer", false, At), view.Erasure);
        Assert.Equal(["account:a", "user:dana", "user:eli"], view.PlacedOwners);
        Assert.Equal((null, 0), (CalendarPlacement.Of(view).Template, CalendarPlacement.Of(view).Owners.Count));

        // Not final: newly recorded content brings it back.
        var back = new object[] { Message("m2", "Back"), new ThreadMessageHeld("t", "m2", "dana", "l1", At), new ThreadAccountMatched("t", "a", ["pat@y.com"], At) }
            .Aggregate(view, EmailThreadView.Fold);
        Assert.Null(back.Erasure);
        Assert.Equal("Back", back.Subject);
        Assert.Equal(["account:a", "user:dana"], CalendarPlacement.Of(back).Owners);
    }

    [Fact]
    public void A_final_erasure_is_a_tombstone_that_folds_nothing_more()
    {
        var erased = EmailThreadView.Fold(Held(), new ThreadErased("t", "admin", "legal", true, At));
        Assert.Same(erased, EmailThreadView.Fold(erased, Message("m2")));

        var appointment = AppointmentView.Fold(null, new AppointmentScheduled("a", "Fair", When.At(Sent), When.At(Sent.AddHours(1)), false, "Yard", new Participant("Dana", "d@x.com"), [new Attendee(null, "p@y.com", "none")], "Desc", At));
        appointment = AppointmentView.Fold(appointment, new AppointmentHeld("a", "dana", "l1", At));
        appointment = AppointmentView.Fold(appointment, new AppointmentErased("a", "admin", "legal", true, At))!;
        Assert.Equal(("", null, null, 0, null, 0), (appointment.Title, appointment.Location, appointment.Organizer, appointment.Attendees.Count, appointment.Description, appointment.Holders.Count));
        Assert.Equal(When.At(Sent), appointment.Start);
        Assert.Null(CalendarPlacement.Of(appointment).Template);
        Assert.Same(appointment, AppointmentView.Fold(appointment, new AppointmentDetailsChanged("a", "New", null, null, At)));
    }

    [Fact]
    public void An_appointment_erased_by_a_rule_comes_back_when_scheduled_again()
    {
        var appointment = AppointmentView.Fold(null, new AppointmentScheduled("a", "Fair", When.At(Sent), When.At(Sent.AddHours(1)), false, null, null, [], null, At));
        appointment = AppointmentView.Fold(appointment, new AppointmentErased("a", "system:privacy", "blocklist", false, At));
        appointment = AppointmentView.Fold(appointment, new AppointmentScheduled("a", "Fair again", When.At(Sent), When.At(Sent.AddHours(1)), false, null, null, [], null, At));
        appointment = AppointmentView.Fold(appointment, new AppointmentHeld("a", "dana", "l1", At));
        Assert.Null(appointment!.Erasure);
        Assert.Equal("Fair again", CalendarPlacement.Of(appointment).Template!.Title);
        Assert.Equal(["user:dana"], CalendarPlacement.Of(appointment).Owners);
    }

    [Theory]
    [InlineData("full", "email", "Hi")]
    [InlineData("subject", "email", "Hi")]
    [InlineData("metadata", "email", "Email")]
    [InlineData("private", "email", "Private email")]
    [InlineData("metadata", "appointment", "Appointment")]
    [InlineData("private", "appointment", "Private appointment")]
    [InlineData("unknown", "appointment", "Appointment")]
    public void Each_level_shows_the_title_it_allows(string level, string kind, string shown) =>
        Assert.Equal(shown, VisibleContent.Title(kind, "Hi", level));

    [Fact]
    public void Each_level_shows_less_than_the_one_before()
    {
        string[] levels = [Visibility.Full, Visibility.Subject, Visibility.Metadata, Visibility.Private];
        Assert.Equal([true, false, false, false], levels.Select(VisibleContent.ShowsBodies));
        Assert.Equal([true, true, false, false], levels.Select(VisibleContent.ShowsTitle));
        Assert.Equal([true, true, true, false], levels.Select(VisibleContent.ShowsPeople));
    }
}
