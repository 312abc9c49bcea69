using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Tests.Decisions;

public sealed class RecordingDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly HoldingMailbox DanasMailbox = new("u1", "l1", "dana@hauler.example");
    private static readonly HoldingMailbox RaesMailbox = new("u2", "l2", "rae@hauler.example");

    private static MailItem Mail(string id, string messageId, DateTimeOffset sent, params string[] to) => new(
        id, messageId, "conv-1", [], null, "Dumpster swap", new Participant("Dana", "dana@hauler.example"), null,
        [.. to.Select(a => new Participant(null, a))], [], [], sent, "snippet", "sentitems");

    private static ContactMatches Matches(params (string Account, string Address)[] pairs) =>
        ContactMatches.For(pairs.Select(p => p.Address), pairs.GroupBy(p => p.Address).ToDictionary(
            g => g.Key, g => (IReadOnlyList<ContactMatch>)[.. g.Select(p => new ContactMatch(p.Account, "c", "n"))]));

    private static EmailThread? Fold(EmailThread? state, IEnumerable<object> events) => events.Aggregate(state, EmailThread.Fold);

    [Fact]
    public void A_first_message_starts_the_thread_held_by_the_mailbox_and_matched_to_its_accounts()
    {
        var events = ThreadDecisions.Record(null, "t1", new MessageCopy("mid:a@x", Mail("p1", "<a@x>", Now, "pat@customer.com"), "body"), DanasMailbox, Matches(("acc-1", "pat@customer.com")), Now);

        Assert.Collection(events,
            e => Assert.IsType<ThreadMessageRecorded>(e),
            e => Assert.Equal(new ThreadMessageHeld("t1", "mid:a@x", "u1", "l1", Now), e),
            e => Assert.Equal("acc-1", Assert.IsType<ThreadAccountMatched>(e).AccountId));
    }

    [Fact]
    public void Recording_the_same_message_again_appends_nothing()
    {
        var mail = Mail("p1", "<a@x>", Now, "pat@customer.com");
        var matches = Matches(("acc-1", "pat@customer.com"));
        var state = Fold(null, ThreadDecisions.Record(null, "t1", new MessageCopy("mid:a@x", mail, null), DanasMailbox, matches, Now));

        Assert.Empty(ThreadDecisions.Record(state, "t1", new MessageCopy("mid:a@x", mail, null), DanasMailbox, matches, Now));
    }

    [Fact]
    public void The_same_message_in_a_second_mailbox_is_held_twice_but_recorded_once()
    {
        var mail = Mail("p1", "<a@x>", Now, "pat@customer.com");
        var matches = Matches(("acc-1", "pat@customer.com"));
        var state = Fold(null, ThreadDecisions.Record(null, "t1", new MessageCopy("mid:a@x", mail, null), DanasMailbox, matches, Now));

        var second = ThreadDecisions.Record(state, "t1", new MessageCopy("mid:a@x", mail with { ProviderId = "g-9" }, null), RaesMailbox, matches, Now);

        Assert.Equal([new ThreadMessageHeld("t1", "mid:a@x", "u2", "l2", Now)], second);
        state = Fold(state, second);
        Assert.Single(state!.Messages);
        Assert.Equal(2, state.Holders.Count);
    }

    [Fact]
    public void An_older_message_arriving_later_moves_the_thread_start()
    {
        var state = Fold(null, ThreadDecisions.Record(null, "t1", new MessageCopy("mid:b@x", Mail("p2", "<b@x>", Now, "pat@customer.com"), null), DanasMailbox, Matches(("acc-1", "pat@customer.com")), Now));
        state = Fold(state, ThreadDecisions.Record(state, "t1", new MessageCopy("mid:a@x", Mail("p1", "<a@x>", Now.AddDays(-2), "pat@customer.com"), null), DanasMailbox, Matches(("acc-1", "pat@customer.com")), Now));

        Assert.Equal(Now.AddDays(-2), state!.StartedAt);
        Assert.Equal(["mid:a@x", "mid:b@x"], state.Messages.Select(m => m.MessageKey));
    }

    [Fact]
    public void A_reply_to_another_contact_of_the_account_widens_the_matched_addresses_once()
    {
        var state = Fold(null, ThreadDecisions.Record(null, "t1", new MessageCopy("mid:a@x", Mail("p1", "<a@x>", Now, "pat@customer.com"), null), DanasMailbox, Matches(("acc-1", "pat@customer.com")), Now));
        var reply = ThreadDecisions.Record(state, "t1", new MessageCopy("mid:b@x", Mail("p2", "<b@x>", Now, "sam@customer.com"), null), DanasMailbox, Matches(("acc-1", "sam@customer.com")), Now);

        var matched = Assert.Single(reply.OfType<ThreadAccountMatched>());
        Assert.Equal(["pat@customer.com", "sam@customer.com"], matched.MatchedContacts);
    }

    [Fact]
    public void A_contact_address_leaving_an_account_narrows_or_unmatches_only_that_account_by_event()
    {
        var state = Fold(null, ThreadDecisions.Record(null, "t1", new MessageCopy("mid:a@x", Mail("p1", "<a@x>", Now, "pat@customer.com", "sam@customer.com", "lee@other.com"), null), DanasMailbox, Matches(("acc-1", "pat@customer.com"), ("acc-1", "sam@customer.com"), ("acc-2", "lee@other.com")), Now));

        var narrowed = ThreadDecisions.ContactDisappeared(state!, "acc-1", "pat@customer.com", Now);
        Assert.Equal([new ThreadAccountMatched("t1", "acc-1", ["sam@customer.com"], Now)], narrowed, new EventComparer());
        state = Fold(state, narrowed);
        Assert.Empty(ThreadDecisions.ContactDisappeared(state!, "acc-1", "pat@customer.com", Now));

        var unmatched = ThreadDecisions.ContactDisappeared(state!, "acc-1", "sam@customer.com", Now);
        Assert.Equal([new ThreadAccountUnmatched("t1", "acc-1", Now)], unmatched);
        state = Fold(state, unmatched);
        Assert.Equal(["acc-2"], state!.Accounts.Keys);
    }

    [Fact]
    public void A_contact_address_appearing_on_an_account_widens_it_once()
    {
        var state = Fold(null, ThreadDecisions.Record(null, "t1", new MessageCopy("mid:a@x", Mail("p1", "<a@x>", Now, "pat@customer.com", "lee@other.com"), null), DanasMailbox, Matches(("acc-1", "pat@customer.com")), Now));

        var joined = ThreadDecisions.ContactAppeared(state!, "acc-2", "lee@other.com", Now);
        Assert.Equal(["lee@other.com"], Assert.IsType<ThreadAccountMatched>(Assert.Single(joined)).MatchedContacts);
        state = Fold(state, joined);
        Assert.Empty(ThreadDecisions.ContactAppeared(state!, "acc-2", "lee@other.com", Now));
        Assert.Equal(["lee@other.com", "pat@customer.com"],
            Assert.IsType<ThreadAccountMatched>(Assert.Single(ThreadDecisions.ContactAppeared(state!, "acc-1", "lee@other.com", Now))).MatchedContacts);
    }

    [Fact]
    public void Attendees_differing_only_in_names_or_order_are_the_same_people()
    {
        var matches = Matches(("acc-1", "pat@customer.com"));
        var meeting = Meeting(When.At(Now)) with { Attendees = [new Attendee("Pat", "pat@customer.com", "accepted"), new Attendee("Lee", "Lee@Other.com", "none")] };
        var state = AppointmentDecisions.Record(null, "a1", meeting, DanasMailbox, matches, Now).Aggregate((Appointment?)null, Appointment.Fold);

        var seenByGoogle = meeting with { Organizer = new Participant(null, "DANA@hauler.example"), Attendees = [new Attendee(null, "lee@other.com", "none"), new Attendee(null, "pat@customer.com", "accepted")] };
        Assert.DoesNotContain(AppointmentDecisions.Record(state, "a1", seenByGoogle, RaesMailbox, matches, Now), e => e is AppointmentAttendeesChanged);

        var declined = meeting with { Attendees = [new Attendee("Pat", "pat@customer.com", "declined"), new Attendee("Lee", "Lee@Other.com", "none")] };
        Assert.IsType<AppointmentAttendeesChanged>(Assert.Single(AppointmentDecisions.Record(state, "a1", declined, DanasMailbox, matches, Now)));
    }

    /// <summary>Records holding lists compare by reference; compare events by their JSON instead.</summary>
    private sealed class EventComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y) && x?.GetType() == y?.GetType();

        public int GetHashCode(object obj) => System.Text.Json.JsonSerializer.Serialize(obj).GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public void Message_ids_normalize_across_providers() =>
        Assert.Equal(ThreadKeys.MessageKey("<AbC@Mail.Example.COM>", "google", "a@x", "1"), ThreadKeys.MessageKey(" AbC@mail.example.com ", "microsoft", "b@y", "2"));

    private static CalendarItem Meeting(When start, bool cancelled = false, string title = "Site visit") => new(
        "ev-1", "uid-1@google.com", null, null, title, start, start with { Instant = start.Instant?.AddHours(1) }, start.Date is not null, "Yard 3",
        new Participant("Dana", "dana@hauler.example"), [new Attendee("Pat", "pat@customer.com", "accepted")], null, cancelled, Now);

    [Fact]
    public void A_moved_then_cancelled_meeting_is_rescheduled_then_cancelled_and_idempotent()
    {
        var matches = Matches(("acc-1", "pat@customer.com"));
        var first = AppointmentDecisions.Record(null, "a1", Meeting(When.At(Now)), DanasMailbox, matches, Now);
        var state = first.Aggregate((Appointment?)null, Appointment.Fold);

        var moved = AppointmentDecisions.Record(state, "a1", Meeting(When.At(Now.AddDays(1))), DanasMailbox, matches, Now);
        Assert.IsType<AppointmentRescheduled>(Assert.Single(moved));
        state = moved.Aggregate(state, Appointment.Fold);

        var cancelled = AppointmentDecisions.Record(state, "a1", Meeting(When.At(Now.AddDays(1)), cancelled: true), DanasMailbox, matches, Now);
        Assert.IsType<AppointmentCancelled>(Assert.Single(cancelled));
        state = cancelled.Aggregate(state, Appointment.Fold);
        Assert.True(state!.IsCancelled);
        Assert.Empty(AppointmentDecisions.Record(state, "a1", Meeting(When.At(Now.AddDays(1)), cancelled: true), DanasMailbox, matches, Now));
    }

    [Fact]
    public void Occurrences_of_one_series_get_distinct_keys_and_the_same_key_from_either_provider()
    {
        var monday = AppointmentKeys.For("uid-1", When.At(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)));
        var tuesday = AppointmentKeys.For("uid-1", When.At(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero)));
        var mondayInChicago = AppointmentKeys.For(" uid-1 ", When.At(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(-6))));

        Assert.NotEqual(monday, tuesday);
        Assert.Equal(monday, mondayInChicago);
        Assert.NotEqual(AppointmentKeys.For("uid-1", null), monday);
    }

    [Fact]
    public void A_meeting_gone_from_its_only_calendar_is_released_and_shown_cancelled()
    {
        var state = AppointmentDecisions.Record(null, "a1", Meeting(When.On(new DateOnly(2026, 12, 1))), DanasMailbox, Matches(("acc-1", "pat@customer.com")), Now)
            .Aggregate((Appointment?)null, Appointment.Fold);

        var events = AppointmentDecisions.Remove(state, "u1", "l1", Now);

        Assert.Equal<object>([new AppointmentReleased("a1", "u1", "l1", Now), new AppointmentCancelled("a1", Now)], events);
        Assert.Empty(AppointmentDecisions.Remove(events.Aggregate(state, Appointment.Fold), "u1", "l1", Now));
    }
}
