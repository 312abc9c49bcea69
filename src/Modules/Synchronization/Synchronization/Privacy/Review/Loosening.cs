namespace NavusoftSync.Synchronization.Privacy.Review;

/// <summary>
/// What a change of the privacy rules let in again: <c>Addresses</c> no longer blocked (each is looked back for), and
/// <c>Wider</c> when something that no address search finds qualifies again (a domain unblocked, internal-only or bulk
/// mail no longer excluded, an internal domain dropped while internal-only mail is excluded).
/// </summary>
internal sealed record Loosening(IReadOnlyList<string> Addresses, bool Wider)
{
    public bool IsNone => Addresses.Count == 0 && !Wider;

    /// <summary>The tenant's policy changed (<paramref name="userId"/> null), or that user's own settings did.</summary>
    public static Loosening Between(PrivacyState before, PrivacyState after, string? userId)
    {
        var unblocked = userId is null
            ? before.Policy.Blocklist.Except(after.Policy.Blocklist, StringComparer.Ordinal)
            : before.UserSettings(userId).Blocklist.Except(after.UserSettings(userId).Blocklist, StringComparer.Ordinal)
                .Except(after.Policy.Blocklist, StringComparer.Ordinal);
        var entries = unblocked.ToList();
        var wider = entries.Any(e => e.StartsWith('@')) || (userId is null && Widened(before.Policy, after.Policy));
        return new Loosening([.. entries.Where(e => !e.StartsWith('@'))], wider);
    }

    private static bool Widened(PrivacyPolicy before, PrivacyPolicy after) =>
        (before.ExcludeBulk && !after.ExcludeBulk)
        || (before.ExcludeInternal && before.InternalDomains.Count > 0
            && (!after.ExcludeInternal || before.InternalDomains.Except(after.InternalDomains, StringComparer.Ordinal).Any()));
}
