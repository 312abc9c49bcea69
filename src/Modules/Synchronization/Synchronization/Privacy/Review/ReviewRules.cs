namespace NavusoftSync.Synchronization.Privacy.Review;

/// <summary>The privacy rules a review applies: the tenant's own filter, and each holder's (tenant policy plus their blocklist).</summary>
internal sealed class ReviewRules(PrivacyState state)
{
    private readonly Dictionary<string, PrivacyFilter> _users = new(StringComparer.Ordinal);

    public PrivacyFilter Tenant { get; } = PrivacyFilter.For(state, string.Empty);

    public PrivacyFilter For(string userId)
    {
        if (!_users.TryGetValue(userId, out var filter))
        {
            _users[userId] = filter = PrivacyFilter.For(state, userId);
        }

        return filter;
    }
}
