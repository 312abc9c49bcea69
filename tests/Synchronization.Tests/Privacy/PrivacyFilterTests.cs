using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Contracts.Privacy;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Tests.Privacy;

/// <summary>The privacy rules of one mailbox, and how matching applies them to one item.</summary>
public sealed class PrivacyFilterTests
{
    [Theory]
    [InlineData("pat@example.com", true)]
    [InlineData("pat@mail.example.com", true)]
    [InlineData("pat@a.b.example.com", true)]
    [InlineData("pat@evilexample.com", false)]
    [InlineData("pat@example.com.evil.test", false)]
    [InlineData("pat@example.co", false)]
    [InlineData("example.com", false)]
    public void A_domain_entry_covers_the_domain_and_its_subdomains_only(string address, bool blocked)
    {
        var filter = PrivacyFilter.For(State(Policy(blocklist: ["@example.com"])), "u1");

        Assert.Equal(blocked, filter.IsBlocked(address));
    }

    [Fact]
    public void An_address_entry_blocks_that_address_only()
    {
        var filter = PrivacyFilter.For(State(Policy(blocklist: ["pat@example.com"])), "u1");

        Assert.True(filter.IsBlocked("pat@example.com"));
        Assert.False(filter.IsBlocked("kim@example.com"));
        Assert.False(filter.IsBlocked("pat@mail.example.com"));
    }

    [Fact]
    public void A_users_blocklist_adds_to_the_tenants_for_that_users_mailbox_only()
    {
        var state = State(Policy(blocklist: ["@spam.test"]), ("u1", new UserPrivacy(["pat@example.com"], Visibility.Full)));

        Assert.True(PrivacyFilter.For(state, "u1").IsBlocked("pat@example.com"));
        Assert.True(PrivacyFilter.For(state, "u1").IsBlocked("x@spam.test"));
        Assert.False(PrivacyFilter.For(state, "u2").IsBlocked("pat@example.com"));
        Assert.True(PrivacyFilter.For(state, "u2").IsBlocked("x@spam.test"));
    }

    [Fact]
    public void No_state_is_no_rule()
    {
        var filter = PrivacyFilter.For(null, "u1");

        Assert.False(filter.HasBlocklist);
        Assert.False(filter.ExcludeBulk);
        Assert.False(filter.IsInternalOnly(["a@hauler.example"]));
    }

    [Fact]
    public void Internal_only_means_every_participant_in_an_internal_domain_and_the_policy_on()
    {
        var on = PrivacyFilter.For(State(Policy(internalDomains: ["hauler.example"], excludeInternal: true)), "u1");
        var off = PrivacyFilter.For(State(Policy(internalDomains: ["hauler.example"], excludeInternal: false)), "u1");

        Assert.True(on.IsInternalOnly(["dana@hauler.example", "ops@yard.hauler.example"]));
        Assert.False(on.IsInternalOnly(["dana@hauler.example", "pat@customer.example"]));
        Assert.False(on.IsInternalOnly(["dana@evilhauler.example"]));
        Assert.False(on.IsInternalOnly([]));
        Assert.False(off.IsInternalOnly(["dana@hauler.example"]));
    }

    [Fact]
    public void Exclude_internal_without_internal_domains_excludes_nothing()
    {
        var filter = PrivacyFilter.For(State(Policy(excludeInternal: true)), "u1");

        Assert.False(filter.ExcludeInternal);
        Assert.False(filter.IsInternalOnly(["dana@hauler.example"]));
    }

    [Fact]
    public void An_item_matching_only_through_blocked_addresses_is_filtered_under_blocklist()
    {
        var filter = PrivacyFilter.For(State(Policy(blocklist: ["@customer.example"])), "u1");

        var outcome = PrivacyMatching.Match(Mail("dana@hauler.example", "pat@sales.customer.example"), ["dana@hauler.example", "pat@sales.customer.example"], Lookup, filter);

        Assert.Equal(FilterRules.Blocklist, outcome.FilteredBy);
        Assert.False(outcome.Kept);
    }

    [Fact]
    public void An_item_with_a_blocked_and_an_unblocked_contact_matches_only_the_unblocked_ones_account()
    {
        var filter = PrivacyFilter.For(State(Policy(blocklist: ["pat@sales.customer.example"])), "u1");
        string[] addresses = ["dana@hauler.example", "pat@sales.customer.example", "rae@partner.example"];

        var outcome = PrivacyMatching.Match(Mail(addresses[0], addresses[1], addresses[2]), addresses, Lookup, filter);

        Assert.True(outcome.Kept);
        Assert.Equal(["ACC-2"], outcome.Matches.ByAccount.Keys);
        Assert.Equal(["rae@partner.example"], outcome.Matches.ByAccount["ACC-2"]);
    }

    [Fact]
    public void An_item_matching_nobody_is_not_filtered_but_unmatched()
    {
        var filter = PrivacyFilter.For(State(Policy(blocklist: ["@elsewhere.example"])), "u1");

        var outcome = PrivacyMatching.Match(Mail("dana@hauler.example", "x@elsewhere.example"), ["dana@hauler.example", "x@elsewhere.example"], Lookup, filter);

        Assert.Null(outcome.FilteredBy);
        Assert.False(outcome.Kept);
    }

    [Fact]
    public void A_matched_message_from_a_no_reply_sender_is_bulk_when_the_policy_excludes_bulk_and_a_meeting_never_is()
    {
        var on = PrivacyFilter.For(State(Policy(excludeBulk: true)), "u1");
        var off = PrivacyFilter.For(State(Policy(excludeBulk: false)), "u1");
        string[] addresses = ["no-reply@partner.example", "rae@partner.example"];
        var mail = Mail(addresses[0], addresses[1]);
        var meeting = Meeting("no-reply@partner.example", "rae@partner.example");

        Assert.Equal(FilterRules.Bulk, PrivacyMatching.Match(mail, addresses, Lookup, on).FilteredBy);
        Assert.True(PrivacyMatching.Match(mail, addresses, Lookup, off).Kept);
        Assert.True(PrivacyMatching.Match(meeting, addresses, Lookup, on).Kept);
    }

    [Fact]
    public void Internal_only_items_that_match_an_internal_contact_are_filtered_under_internal()
    {
        var filter = PrivacyFilter.For(State(Policy(internalDomains: ["hauler.example"], excludeInternal: true)), "u1");
        string[] addresses = ["dana@hauler.example", "ops@hauler.example"];

        Assert.Equal(FilterRules.Internal, PrivacyMatching.Match(Meeting(addresses[0], addresses[1]), addresses, Lookup, filter).FilteredBy);
    }

    private static readonly Dictionary<string, IReadOnlyList<ContactMatch>> Lookup = new(StringComparer.Ordinal)
    {
        ["pat@sales.customer.example"] = [new ContactMatch("ACC-1", "c1", "Pat")],
        ["rae@partner.example"] = [new ContactMatch("ACC-2", "c2", "Rae")],
        ["ops@hauler.example"] = [new ContactMatch("ACC-3", "c3", "Ops")],
    };

    private static PrivacyPolicy Policy(
        IReadOnlyList<string>? blocklist = null, IReadOnlyList<string>? internalDomains = null, bool excludeInternal = false, bool excludeBulk = false) =>
        new(blocklist ?? [], internalDomains ?? [], excludeInternal, excludeBulk, Visibility.Full);

    private static PrivacyState State(PrivacyPolicy policy, params (string UserId, UserPrivacy Settings)[] users) =>
        PrivacyState.Empty with { Policy = policy, Users = users.ToDictionary(u => u.UserId, u => u.Settings, StringComparer.Ordinal) };

    private static MailItem Mail(string from, params string[] to) =>
        new("m1", null, null, [], null, "s", new Participant(null, from), null, [.. to.Select(a => new Participant(null, a))], [], [], DateTimeOffset.UnixEpoch, null, "inbox");

    private static CalendarItem Meeting(string organizer, params string[] attendees)
    {
        var at = new When(DateTimeOffset.UnixEpoch, null);
        return new CalendarItem("e1", "uid", null, null, "t", at, at, false, null, new Participant(null, organizer), [.. attendees.Select(a => new Attendee(null, a, "accepted"))], null, false, null);
    }
}
