using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Tests.Runs;

/// <summary>At most 500 participants per item, the first ones in header order kept, the rest counted.</summary>
public sealed class ParticipantCapTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<Participant> People(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => new Participant(null, $"{prefix}{i}@x.example"))];

    private static MailItem Mail(int to, int cc, int bcc) => new(
        "m1", null, null, [], null, "s", new Participant("From", "from@x.example"), new Participant("Sender", "sender@x.example"),
        People("to", to), People("cc", cc), People("bcc", bcc), Now, null, "inbox");

    [Fact]
    public void A_message_within_the_cap_is_left_as_it_is()
    {
        var item = Mail(300, 150, 48); // 500 with From and Sender
        Assert.Same(item, ParticipantCap.Apply(item));
    }

    [Fact]
    public void A_message_beyond_the_cap_keeps_from_and_sender_then_to_cc_bcc_in_order_and_counts_the_rest()
    {
        var capped = ParticipantCap.Apply(Mail(400, 200, 4400));

        Assert.Equal("from@x.example", capped.From!.Address);
        Assert.Equal("sender@x.example", capped.Sender!.Address);
        Assert.Equal(400, capped.To.Count);
        Assert.Equal(98, capped.Cc.Count);
        Assert.Equal("cc97@x.example", capped.Cc[^1].Address);
        Assert.Empty(capped.Bcc);
        Assert.Equal(5002 - ParticipantCap.Max, capped.ParticipantsOmitted);
    }

    [Fact]
    public void A_meeting_keeps_its_organizer_and_its_first_attendees()
    {
        var item = new CalendarItem(
            "e1", "uid", null, null, "t", new When(Now, null), new When(Now.AddHours(1), null), false, null, new Participant(null, "org@x.example"),
            [.. Enumerable.Range(0, 2000).Select(i => new Attendee(null, $"a{i}@x.example", "none"))], null, false, null);

        var capped = ParticipantCap.Apply(item);

        Assert.Equal("org@x.example", capped.Organizer!.Address);
        Assert.Equal(499, capped.Attendees.Count);
        Assert.Equal("a498@x.example", capped.Attendees[^1].Address);
        Assert.Equal(1501, capped.ParticipantsOmitted);
    }

    [Fact]
    public void Names_and_addresses_are_cleaned_and_a_participant_left_without_an_address_is_dropped()
    {
        var item = Mail(1, 0, 0) with
        {
            From = new Participant("Pat\u0000\u202E", "pat@customer.example\u0000"),
            To = [new Participant(null, "nul\u0000@x.example"), new Participant("\u200F", "\u200B\u0000"), new Participant(null, "plain@x.example")],
        };

        var cleaned = ParticipantCap.Apply(item);

        Assert.Equal(new Participant("Pat", "pat@customer.example"), cleaned.From);
        Assert.Equal(["nul@x.example", "plain@x.example"], cleaned.To.Select(p => p.Address));
        Assert.Same(item.Cc, cleaned.Cc); // nothing to clean: the same list
    }
}
