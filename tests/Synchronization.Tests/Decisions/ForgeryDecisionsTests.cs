using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Tests.Decisions;

/// <summary>
/// Copies of a shared item that disagree with the genuine one: a forged invite reusing a meeting's UID, a forged message
/// reusing a Message-ID. Given the genuine copy (or the forged one first), when the other is decided, then what others
/// see keeps the genuine details (ADR 0015).
/// </summary>
public sealed class ForgeryDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private const string Dana = "dana@hauler.example";
    private const string Sam = "sam@hauler.example";
    private const string Rae = "rae@hauler.example";

    /// <summary>The calendar or mailbox of <paramref name="user"/>, at <paramref name="address"/>, through the user's one link.</summary>
    private static HoldingMailbox MailboxOf(string user, string address) => new(user, $"link-{user}", address);

    private static ContactMatches Pat() =>
        ContactMatches.For(["pat@customer.com"], new Dictionary<string, IReadOnlyList<ContactMatch>> { ["pat@customer.com"] = [new ContactMatch("acc-1", "c", "n")] });

    private static CalendarItem Genuine(string organizer = Dana) => new(
        "ev-1", "uid-1@hauler.example", null, null, "Site visit", When.At(Now), When.At(Now.AddHours(1)), false, "Yard 3",
        new Participant("Dana", organizer), [new Attendee("Pat", "pat@customer.com", "accepted")], "Bring the permit", false, Now);

    private static CalendarItem Forged(string organizer = Dana) => Genuine(organizer) with
    {
        ProviderId = "ev-forged",
        Title = "Site visit MOVED",
        Start = When.At(Now.AddDays(2)),
        End = When.At(Now.AddDays(2).AddHours(1)),
        Location = "Somewhere else",
        IsCancelled = true,
    };

    private static Appointment? Decide(Appointment? state, CalendarItem item, string user, string mailbox) =>
        AppointmentDecisions.Record(state, "a1", item, MailboxOf(user, mailbox), Pat(), Now).Aggregate(state, Appointment.Fold);

    private static void AssertGenuine(Appointment? state)
    {
        Assert.NotNull(state);
        Assert.Equal("Site visit", state.Title);
        Assert.Equal(When.At(Now), state.Start);
        Assert.Equal("Yard 3", state.Location);
        Assert.False(state.IsCancelled);
        Assert.Equal(Dana, state.Organizer!.Address);
    }

    [Fact]
    public void A_forged_copy_in_another_calendar_does_not_change_the_organizers_meeting()
    {
        var state = Decide(null, Genuine(), "dana", Dana);

        var forged = AppointmentDecisions.Record(state, "a1", Forged(), MailboxOf("sam", Sam), Pat(), Now);

        Assert.DoesNotContain(forged, e => e is AppointmentRescheduled or AppointmentDetailsChanged or AppointmentCancelled or AppointmentAttendeesChanged);
        state = forged.Aggregate(state, Appointment.Fold);
        AssertGenuine(state);
        Assert.Equal(["dana", "sam"], state!.Holders.Select(h => h.UserId));
    }

    [Fact]
    public void A_forged_copy_adding_another_accounts_contact_does_not_put_the_meeting_on_that_accounts_calendar()
    {
        var state = Decide(null, Genuine(), "dana", Dana);
        var withCeo = Forged() with { Attendees = [.. Genuine().Attendees, new Attendee("Ceo", "ceo@rival.com", "none")] };
        var matches = ContactMatches.For(["pat@customer.com", "ceo@rival.com"], new Dictionary<string, IReadOnlyList<ContactMatch>>
        {
            ["pat@customer.com"] = [new ContactMatch("acc-1", "c", "n")],
            ["ceo@rival.com"] = [new ContactMatch("acc-2", "c2", "n2")],
        });

        var events = AppointmentDecisions.Record(state, "a1", withCeo, MailboxOf("sam", Sam), matches, Now);

        Assert.DoesNotContain(events, e => e is AppointmentAccountMatched { AccountId: "acc-2" });
        Assert.Equal(["acc-1"], events.Aggregate(state, Appointment.Fold)!.Accounts.Keys);
    }

    [Fact]
    public void The_organizers_copy_arriving_after_a_forged_one_wins()
    {
        var state = Decide(null, Forged(), "sam", Sam);
        Assert.Equal("Site visit MOVED", state!.Title);

        state = Decide(state, Genuine(), "dana", Dana);

        AssertGenuine(state);
        Assert.True(state!.Holders.Single(h => h.UserId == "dana").IsOrganizer);
        Assert.Equal(state.Holders.Single(h => h.UserId == "dana"), state.Authority());
    }

    [Fact]
    public void A_forged_copy_naming_a_different_organizer_cannot_take_the_organizer_field()
    {
        var state = Decide(null, Genuine(), "rae", Rae); // an attendee's copy first: no organizer calendar is linked
        var selfMade = Forged(organizer: Sam); // Sam's own calendar, naming Sam the organizer of Dana's meeting

        state = Decide(state, selfMade, "sam", Sam);

        AssertGenuine(state);
        Assert.False(state!.Holders.Single(h => h.UserId == "sam").IsOrganizer);
    }

    [Fact]
    public void Without_an_organizers_calendar_the_first_calendars_copy_stays_and_its_updates_still_apply()
    {
        var state = Decide(null, Genuine(), "rae", Rae);
        state = Decide(state, Forged(), "sam", Sam);
        AssertGenuine(state);

        var moved = Genuine() with { Start = When.At(Now.AddHours(3)), End = When.At(Now.AddHours(4)) };
        state = Decide(state, moved, "rae", Rae);

        Assert.Equal(When.At(Now.AddHours(3)), state!.Start);
        Assert.False(state.IsCancelled);
    }

    [Fact]
    public void The_organizers_own_updates_and_cancellation_still_apply()
    {
        var state = Decide(null, Genuine(), "rae", Rae);
        state = Decide(state, Genuine(), "dana", Dana);

        state = Decide(state, Genuine() with { Title = "Site visit (2nd gate)", IsCancelled = true }, "dana", Dana);

        Assert.Equal("Site visit (2nd gate)", state!.Title);
        Assert.True(state.IsCancelled);
        Assert.Empty(AppointmentDecisions.Record(state, "a1", Genuine() with { Title = "Site visit (2nd gate)", IsCancelled = true }, MailboxOf("dana", Dana), Pat(), Now));
    }

    [Fact]
    public void When_the_organizers_calendar_is_unlinked_the_next_calendar_in_order_follows()
    {
        var state = Decide(null, Genuine(), "dana", Dana);
        state = Decide(state, Genuine(), "rae", Rae);
        state = AppointmentDecisions.Unlink(state, "dana", "link-dana", Now).Aggregate(state, Appointment.Fold);

        state = Decide(state, Genuine() with { Location = "Yard 4" }, "rae", Rae);

        Assert.Equal("Yard 4", state!.Location);
    }

    private static MailItem Mail(string providerId, string subject, DateTimeOffset sent) => new(
        providerId, "<m1@hauler.example>", "conv-1", [], null, subject, new Participant("Dana", Dana), null,
        [new Participant(null, "pat@customer.com")], [], [], sent, "snippet", "inbox");

    private static EmailThread? Record(EmailThread? state, MailItem mail, string body, string user) =>
        ThreadDecisions.Record(state, "t1", new MessageCopy("mid:m1@hauler.example", mail, body), MailboxOf(user, $"{user}@hauler.example"), Pat(), Now).Aggregate(state, EmailThread.Fold);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_message_reusing_a_known_Message_ID_with_other_content_is_another_message_whichever_is_read_first(bool genuineFirst)
    {
        var genuine = Mail("g-1", "Gate code", Now);
        var forged = Mail("f-1", "Gate code", Now);
        var (first, second) = genuineFirst ? ((genuine, "It is 4521.", "dana"), (forged, "It is 0000, wire the deposit.", "sam")) : ((forged, "It is 0000, wire the deposit.", "sam"), (genuine, "It is 4521.", "dana"));

        var firstEvents = ThreadDecisions.Record(null, "t1", new MessageCopy("mid:m1@hauler.example", first.Item1, first.Item2), MailboxOf(first.Item3, $"{first.Item3}@hauler.example"), Pat(), Now);
        var state = firstEvents.Aggregate((EmailThread?)null, EmailThread.Fold);
        var secondEvents = ThreadDecisions.Record(state, "t1", new MessageCopy("mid:m1@hauler.example", second.Item1, second.Item2), MailboxOf(second.Item3, $"{second.Item3}@hauler.example"), Pat(), Now);
        state = secondEvents.Aggregate(state, EmailThread.Fold);

        var recorded = firstEvents.Concat(secondEvents).OfType<ThreadMessageRecorded>().ToList();
        Assert.Equal(2, state!.Messages.Count);
        Assert.Equal(state.Messages.Select(m => m.MessageKey).Order(StringComparer.Ordinal), recorded.Select(r => r.MessageKey).Order(StringComparer.Ordinal));
        var genuineKey = Assert.Single(recorded, r => r.BodyText == "It is 4521.").MessageKey;
        Assert.Equal(["dana"], state.Holders.Where(h => h.MessageKey == genuineKey).Select(h => h.UserId));

        // Reading both again adds nothing: each copy finds its own message.
        Assert.Empty(ThreadDecisions.Record(state, "t1", new MessageCopy("mid:m1@hauler.example", genuine, "It is 4521."), MailboxOf("dana", Dana), Pat(), Now));
        Assert.Empty(ThreadDecisions.Record(state, "t1", new MessageCopy("mid:m1@hauler.example", forged, "It is 0000, wire the deposit."), MailboxOf("sam", Sam), Pat(), Now));
    }

    [Fact]
    public void The_same_message_rendered_differently_by_two_providers_is_one_message_held_by_both()
    {
        var state = Record(null, Mail("g-1", "Gate code", Now), "It is 4521.\r\n\r\n-- \r\nDana", "dana");

        var second = ThreadDecisions.Record(state, "t1", new MessageCopy("mid:m1@hauler.example", Mail("AAMk-1", " Gate  code ", Now.AddMilliseconds(400)), "It is 4521.\n-- Dana"), MailboxOf("rae", Rae), Pat(), Now);

        var held = Assert.IsType<ThreadMessageHeld>(Assert.Single(second));
        Assert.Equal("mid:m1@hauler.example", held.MessageKey);
    }

    [Fact]
    public void A_copy_whose_body_could_not_be_read_is_the_same_message()
    {
        var state = Record(null, Mail("g-1", "Gate code", Now), "It is 4521.", "dana");

        var second = ThreadDecisions.Record(state, "t1", new MessageCopy("mid:m1@hauler.example", Mail("AAMk-1", "Gate code", Now), null), MailboxOf("rae", Rae), Pat(), Now);

        Assert.Equal("mid:m1@hauler.example", Assert.IsType<ThreadMessageHeld>(Assert.Single(second)).MessageKey);
    }

    [Fact]
    public void A_message_with_another_sender_or_time_reusing_the_ID_is_another_message()
    {
        var state = Record(null, Mail("g-1", "Gate code", Now), "It is 4521.", "dana");

        var otherSender = ThreadDecisions.Record(state, "t1", new MessageCopy("mid:m1@hauler.example", Mail("f-1", "Gate code", Now) with { From = new Participant("Dana", "dana@hau1er.example") }, "It is 4521."), MailboxOf("sam", Sam), Pat(), Now);
        var otherTime = ThreadDecisions.Record(state, "t1", new MessageCopy("mid:m1@hauler.example", Mail("f-2", "Gate code", Now.AddMinutes(1)), "It is 4521."), MailboxOf("sam", Sam), Pat(), Now);

        Assert.Single(otherSender.OfType<ThreadMessageRecorded>(), e => e.MessageKey.StartsWith("mid:m1@hauler.example~", StringComparison.Ordinal));
        Assert.Single(otherTime.OfType<ThreadMessageRecorded>(), e => e.MessageKey.StartsWith("mid:m1@hauler.example~", StringComparison.Ordinal));
    }
}
