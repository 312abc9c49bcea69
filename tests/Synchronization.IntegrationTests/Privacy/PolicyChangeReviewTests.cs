using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contracts.Privacy;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Privacy.Review;
using NavusoftSync.Synchronization.Threads;

namespace NavusoftSync.Synchronization.IntegrationTests.Privacy;

/// <summary>
/// The review's pure decisions (<see cref="ItemReview"/>, <see cref="Loosening"/>) as Given/When/Then: what a changed rule
/// does to one stored item, and what a looser one looks back for. Each decision, applied and decided again, decides nothing.
/// </summary>
public sealed class PolicyChangeReviewTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static PrivacyState Rules(PrivacyPolicy policy, params (string User, string[] Blocklist)[] users) =>
        PrivacyState.Empty with
        {
            Policy = policy,
            Users = users.ToDictionary(u => u.User, u => new UserPrivacy(u.Blocklist, Visibility.Full), StringComparer.Ordinal),
        };

    private static EmailThread Thread(Dictionary<string, IReadOnlyList<string>> accounts, bool[]? bulk = null, params string[] holders) =>
        new("thread-1", "Gate code", At,
            [.. (bulk ?? [false]).Select((b, i) => new ThreadMessage($"m{i}", At.AddMinutes(i), new MessageFingerprint("head", null), b))],
            [.. holders.Select(u => new MessageHolder("m0", u, $"link-{u}"))],
            accounts);

    private static ReviewOutcome Review(EmailThread thread, PrivacyState rules, params string[] participants)
    {
        var outcome = ItemReview.Thread(thread, participants, new ReviewRules(rules), At);
        if (outcome.EraseFor is null)
        {
            var after = outcome.Events.Aggregate((EmailThread?)thread, EmailThread.Fold)!;
            Assert.Equal(ReviewOutcome.Keep.Events, ItemReview.Thread(after, participants, new ReviewRules(rules), At).Events);
        }

        return outcome;
    }

    [Fact]
    public void A_thread_matched_only_through_a_blocked_domain_is_erased_for_the_blocklist()
    {
        var thread = Thread(new() { ["acc-2"] = ["lee@vendor.example"] }, null, "dana");
        Assert.Equal(FilterRules.Blocklist, Review(thread, Rules(PrivacyPolicy.Default with { Blocklist = ["@vendor.example"] })).EraseFor);
        Assert.Equal(FilterRules.Blocklist, Review(thread, Rules(PrivacyPolicy.Default with { Blocklist = ["@example"] })).EraseFor);
        Assert.Null(Review(thread, Rules(PrivacyPolicy.Default with { Blocklist = ["@other-vendor.example"] })).EraseFor);
    }

    [Fact]
    public void A_thread_that_still_matches_through_an_unblocked_address_is_narrowed_not_erased()
    {
        var thread = Thread(new() { ["acc-1"] = ["pat@customer.example", "sue@customer.example"], ["acc-2"] = ["lee@vendor.example"] }, null, "dana");
        var outcome = Review(thread, Rules(PrivacyPolicy.Default with { Blocklist = ["@vendor.example", "sue@customer.example"] }));
        Assert.Null(outcome.EraseFor);
        Assert.Equal(
            [new ThreadAccountMatched("thread-1", "acc-1", ["pat@customer.example"], At), new ThreadAccountUnmatched("thread-1", "acc-2", At)],
            outcome.Events,
            new EventComparer());
    }

    [Fact]
    public void A_users_blocklist_releases_their_holds_and_erases_a_thread_no_holder_qualifies_for()
    {
        var rules = Rules(PrivacyPolicy.Default, ("dana", ["pat@customer.example"]));
        var shared = Thread(new() { ["acc-1"] = ["pat@customer.example"] }, null, "dana", "sam");
        Assert.Equal([new ThreadMessageReleased("thread-1", "m0", "dana", "link-dana", At)], Review(shared, rules).Events);
        Assert.Equal(FilterRules.Blocklist, Review(Thread(new() { ["acc-1"] = ["pat@customer.example"] }, null, "dana"), rules).EraseFor);
    }

    [Fact]
    public void Internal_only_and_all_bulk_threads_are_erased_when_the_policy_excludes_them()
    {
        var accounts = new Dictionary<string, IReadOnlyList<string>> { ["acc-1"] = ["pat@customer.example"] };
        var policy = Rules(PrivacyPolicy.Default with { InternalDomains = ["hauler.example"], ExcludeInternal = true, ExcludeBulk = true });
        Assert.Equal(FilterRules.Internal, Review(Thread(accounts), policy, "dana@hauler.example", "sam@ops.hauler.example").EraseFor);
        Assert.Null(Review(Thread(accounts), policy, "dana@hauler.example", "pat@customer.example").EraseFor);
        Assert.Equal(FilterRules.Bulk, Review(Thread(accounts, [true, true]), policy, "pat@customer.example").EraseFor);
        Assert.Null(Review(Thread(accounts, [true, false]), policy, "pat@customer.example").EraseFor);
        Assert.Null(Review(Thread(accounts, [true]), Rules(PrivacyPolicy.Default), "pat@customer.example").EraseFor);
    }

    [Fact]
    public void A_thread_no_account_matches_any_more_is_left_alone()
    {
        var outcome = Review(Thread([], null, "dana"), Rules(PrivacyPolicy.Default with { Blocklist = ["@customer.example"] }));
        Assert.Equal((null, 0), (outcome.EraseFor, outcome.Events.Count));
    }

    [Fact]
    public void A_meeting_is_erased_for_the_blocklist_or_internal_only_and_never_for_bulk()
    {
        var meeting = new Appointment(
            "appt-1", "Yard walk", When.At(At), When.At(At.AddHours(1)), false, null, new Participant(null, "dana@hauler.example"),
            [new Attendee(null, "Lee@Vendor.example", "accepted")], null, false, [new AppointmentHolder("dana", "link-dana", true)],
            new Dictionary<string, IReadOnlyList<string>> { ["acc-2"] = ["lee@vendor.example"] });
        Assert.Equal(FilterRules.Blocklist, ItemReview.Appointment(meeting, new ReviewRules(Rules(PrivacyPolicy.Default with { Blocklist = ["lee@vendor.example"] })), At).EraseFor);
        var internalOnly = Rules(PrivacyPolicy.Default with { InternalDomains = ["hauler.example", "vendor.example"], ExcludeInternal = true, ExcludeBulk = true });
        Assert.Equal(FilterRules.Internal, ItemReview.Appointment(meeting, new ReviewRules(internalOnly), At).EraseFor);
        Assert.Equal(ReviewOutcome.Keep.Events, ItemReview.Appointment(meeting, new ReviewRules(Rules(PrivacyPolicy.Default with { ExcludeBulk = true })), At).Events);
    }

    [Fact]
    public void A_looser_rule_looks_back_for_unblocked_addresses_and_wider_changes_ask_for_more()
    {
        var strict = Rules(PrivacyPolicy.Default with { Blocklist = ["pat@customer.example", "@vendor.example"], InternalDomains = ["hauler.example"], ExcludeInternal = true, ExcludeBulk = true });
        Assert.Equal(("pat@customer.example", false), Of(Loosening.Between(strict, strict with { Policy = strict.Policy with { Blocklist = ["@vendor.example"] } }, null)));
        Assert.Equal(("", true), Of(Loosening.Between(strict, strict with { Policy = strict.Policy with { Blocklist = ["pat@customer.example"] } }, null)));
        Assert.Equal(("", true), Of(Loosening.Between(strict, strict with { Policy = strict.Policy with { ExcludeBulk = false } }, null)));
        Assert.Equal(("", true), Of(Loosening.Between(strict, strict with { Policy = strict.Policy with { ExcludeInternal = false } }, null)));
        Assert.True(Loosening.Between(strict, Rules(strict.Policy with { Blocklist = [.. strict.Policy.Blocklist, "x@y.example"] }), null).IsNone);

        var userStrict = Rules(strict.Policy, ("dana", ["pat@customer.example", "sue@customer.example"]));
        Assert.Equal(("sue@customer.example", false), Of(Loosening.Between(userStrict, Rules(strict.Policy, ("dana", [])), "dana")));
    }

    private static (string, bool) Of(Loosening loosening) => (string.Join(",", loosening.Addresses), loosening.Wider);

    /// <summary>Events compared by value, their lists element by element.</summary>
    private sealed class EventComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => (x, y) switch
        {
            (ThreadAccountMatched a, ThreadAccountMatched b) => a.AccountId == b.AccountId && a.MatchedContacts.SequenceEqual(b.MatchedContacts) && a.At == b.At,
            _ => object.Equals(x, y),
        };

        public int GetHashCode(object obj) => 0;
    }
}
