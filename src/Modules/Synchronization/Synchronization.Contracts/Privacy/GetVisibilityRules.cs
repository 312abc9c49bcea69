using Mediator;

namespace NavusoftSync.Synchronization.Contracts.Privacy;

/// <summary>
/// The current tenant's visibility rules, for readers that show one user's items to others (the Calendar module). One
/// primary-key read. <see cref="VisibilityRules.Version"/> changes with every privacy change of the tenant, so an answer
/// kept under it is never served after a change.
/// </summary>
public sealed record GetVisibilityRules : IQuery<VisibilityRules>;

/// <summary>What others see of each user's items: the tenant's level, made stricter by a user's own.</summary>
/// <param name="Version">Changes with every privacy change of the tenant (policy or any user's settings).</param>
/// <param name="TenantLevel">The tenant's <c>accountVisibility</c>.</param>
/// <param name="UserLevels">Users whose own level is stricter than the tenant's, with that level.</param>
public sealed record VisibilityRules(string Version, string TenantLevel, IReadOnlyDictionary<string, string> UserLevels)
{
    public static readonly VisibilityRules Open = new("0", Visibility.Full, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The level for a user's items: the stricter of the tenant's and theirs.</summary>
    public string LevelOf(string userId) =>
        UserLevels.TryGetValue(userId, out var own) ? Visibility.Stricter(TenantLevel, own) : TenantLevel;

    /// <summary>
    /// What a caller sees of an item held by <paramref name="holders"/>: <c>full</c> when the caller is a holder; else
    /// <c>private</c> when a holder marked it private, else the strictest level of its holders (every holder must allow
    /// what others see); an item nobody holds any more takes the tenant's level.
    /// </summary>
    public string For(string callerId, IReadOnlyCollection<string> holders, bool markedPrivate)
    {
        if (holders.Contains(callerId, StringComparer.Ordinal))
        {
            return Visibility.Full;
        }

        if (markedPrivate)
        {
            return Visibility.Private;
        }

        return holders.Count == 0 ? TenantLevel : holders.Select(LevelOf).Aggregate(TenantLevel, Visibility.Stricter);
    }
}
