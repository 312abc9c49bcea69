using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Matching;

/// <summary>What matching decided for one item: its matches (none when it matched no account or was filtered) and the rule that filtered it.</summary>
internal sealed record MatchOutcome(ContactMatches Matches, string? FilteredBy)
{
    public static readonly MatchOutcome Unmatched = new(ContactMatches.None, null);

    /// <summary>Matched and kept by every rule: to be recorded.</summary>
    public bool Kept => FilteredBy is null && Matches.Any;
}

/// <summary>
/// One item's matches under the mailbox's privacy rules, decided at match time (pure; the lookup answer and the rules
/// are read once per page and once per run). A blocked address never makes a match: the item matches through its other
/// addresses only, and one that matched an account only through blocked addresses is filtered (<c>blocklist</c>). A
/// matched item whose participants are all internal is filtered when the policy excludes internal-only items
/// (<c>internal</c>); a matched message from a no-reply sender when it excludes bulk mail (<c>bulk</c>; bulk headers are
/// known only once the content is read, <see cref="Runs.Rounds.ISyncRound{TItem, TReady}.FilteredBy"/>).
/// </summary>
internal static class PrivacyMatching
{
    public static MatchOutcome Match<TItem>(
        TItem item, IReadOnlyList<string> addresses, IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>> lookup, PrivacyFilter privacy)
        where TItem : IParticipantItem<TItem>
    {
        var all = ContactMatches.For(addresses, lookup);
        if (!all.Any)
        {
            return MatchOutcome.Unmatched;
        }

        var matches = privacy.HasBlocklist ? ContactMatches.For(addresses.Where(a => !privacy.IsBlocked(a)), lookup) : all;
        var rule = !matches.Any ? FilterRules.Blocklist : RuleOf(item, addresses, privacy);
        return rule is null ? new MatchOutcome(matches, null) : new MatchOutcome(ContactMatches.None, rule);
    }

    /// <summary>The rule other than the blocklist that keeps a matched item out, in the order the rules are named; null when none does.</summary>
    private static string? RuleOf<TItem>(TItem item, IReadOnlyList<string> addresses, PrivacyFilter privacy)
        where TItem : IParticipantItem<TItem>
    {
        if (privacy.IsInternalOnly(addresses))
        {
            return FilterRules.Internal;
        }

        return privacy.ExcludeBulk && item.IsFromNoReply() ? FilterRules.Bulk : null;
    }
}
