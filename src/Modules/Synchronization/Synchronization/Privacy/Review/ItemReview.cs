using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Threads;

namespace NavusoftSync.Synchronization.Privacy.Review;

/// <summary>
/// What a review decides for one stored item: erase it (naming the rule that no longer lets it in), or the events that
/// narrow it (holds released, accounts unmatched or matched through fewer addresses), or nothing.
/// </summary>
internal sealed record ReviewOutcome(string? EraseFor, IReadOnlyList<object> Events)
{
    public static readonly ReviewOutcome Keep = new(null, []);

    public static ReviewOutcome Erase(string rule) => new(rule, []);
}

/// <summary>
/// Pure review of a stored item against the tenant's current privacy rules (the semantics of the sync-time filter, applied
/// to what is stored). Excluded by the tenant's policy (internal-only; for mail, every message bulk) → erased. Blocked
/// addresses never make a match: each account keeps only its unblocked matched addresses; an item that had matches and
/// keeps none is erased. A holder whose own blocklist leaves it no match releases its holds; an item that was held and
/// that no holder qualifies for any more is erased. Deciding again on the outcome's state decides nothing.
/// </summary>
internal static class ItemReview
{
    public static ReviewOutcome Thread(EmailThread thread, IReadOnlyCollection<string> participants, ReviewRules rules, DateTimeOffset now)
    {
        var bulk = rules.Tenant.ExcludeBulk && thread.Messages.Count > 0 && thread.Messages.All(m => m.Bulk);
        if (Excluded(rules.Tenant, participants, bulk) is { } rule)
        {
            return ReviewOutcome.Erase(rule);
        }

        var match = new MatchReview(thread.Accounts, rules);
        if (match.Erases([.. thread.Holders.Select(h => h.UserId)]))
        {
            return ReviewOutcome.Erase(FilterRules.Blocklist);
        }

        var released = thread.Holders.Where(h => !match.QualifiesFor(h.UserId))
            .Select(h => (object)new ThreadMessageReleased(thread.Id, h.MessageKey, h.UserId, h.LinkId, now));
        var accounts = match.Changed().Select(a => a.Addresses.Count == 0
            ? (object)new ThreadAccountUnmatched(thread.Id, a.AccountId, now)
            : new ThreadAccountMatched(thread.Id, a.AccountId, a.Addresses, now));
        return new ReviewOutcome(null, [.. released, .. accounts]);
    }

    public static ReviewOutcome Appointment(Appointment appointment, ReviewRules rules, DateTimeOffset now)
    {
        var participants = appointment.Attendees.Select(a => a.Address).Append(appointment.Organizer?.Address)
            .OfType<string>().Select(EmailAddressRule.Normalize).Distinct(StringComparer.Ordinal).ToList();
        if (Excluded(rules.Tenant, participants, bulk: false) is { } rule)
        {
            return ReviewOutcome.Erase(rule);
        }

        var match = new MatchReview(appointment.Accounts, rules);
        if (match.Erases([.. appointment.Holders.Select(h => h.UserId)]))
        {
            return ReviewOutcome.Erase(FilterRules.Blocklist);
        }

        var released = appointment.Holders.Where(h => !match.QualifiesFor(h.UserId))
            .Select(h => (object)new AppointmentReleased(appointment.Id, h.UserId, h.LinkId, now));
        var accounts = match.Changed().Select(a => a.Addresses.Count == 0
            ? (object)new AppointmentAccountUnmatched(appointment.Id, a.AccountId, now)
            : new AppointmentAccountMatched(appointment.Id, a.AccountId, a.Addresses, now));
        return new ReviewOutcome(null, [.. released, .. accounts]);
    }

    private static string? Excluded(PrivacyFilter tenant, IReadOnlyCollection<string> participants, bool bulk) =>
        tenant.IsInternalOnly(participants) ? FilterRules.Internal : bulk ? FilterRules.Bulk : null;
}

/// <summary>An item's account matches under the review's rules: the tenant's blocklist narrows them, a holder's narrows them for that holder.</summary>
internal sealed class MatchReview
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _matched;
    private readonly Dictionary<string, IReadOnlyList<string>> _narrowed;
    private readonly ReviewRules _rules;

    public MatchReview(IReadOnlyDictionary<string, IReadOnlyList<string>> matched, ReviewRules rules)
    {
        _matched = matched;
        _rules = rules;
        _narrowed = matched.ToDictionary(
            a => a.Key, a => (IReadOnlyList<string>)[.. a.Value.Where(x => !rules.Tenant.IsBlocked(EmailAddressRule.Normalize(x)))], StringComparer.Ordinal);
    }

    private bool HadMatches => _matched.Values.Any(a => a.Count > 0);

    /// <summary>A holder still qualifies when the item matched nothing to begin with, or matches through an address it does not block.</summary>
    public bool QualifiesFor(string userId)
    {
        var filter = _rules.For(userId);
        return !HadMatches || _narrowed.Values.Any(a => a.Any(x => !filter.IsBlocked(EmailAddressRule.Normalize(x))));
    }

    /// <summary>The item had matches and keeps none, or it was held and no holder qualifies.</summary>
    public bool Erases(IReadOnlyCollection<string> holders) =>
        (HadMatches && _narrowed.Values.All(a => a.Count == 0)) || (holders.Count > 0 && !holders.Any(QualifiesFor));

    /// <summary>The accounts whose matched addresses the tenant's blocklist narrowed (empty: unmatched).</summary>
    public IEnumerable<(string AccountId, IReadOnlyList<string> Addresses)> Changed() =>
        _narrowed.Where(a => a.Value.Count != _matched[a.Key].Count).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value));
}
