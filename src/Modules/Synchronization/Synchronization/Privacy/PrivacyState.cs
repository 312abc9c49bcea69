using JasperFx.Events;
using Marten.Events.Aggregation;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Synchronization.Privacy;

/// <summary>
/// The tenant's privacy policy (CONTRACT.md, Privacy: <c>PUT /api/admin/privacy</c>). Entries are stored normalized
/// (<see cref="PrivacyEntries"/>): blocklist entries are lower-cased addresses or <c>@domain</c>s, internal domains
/// lower-cased without <c>@</c>.
/// </summary>
internal sealed record PrivacyPolicy(
    IReadOnlyList<string> Blocklist, IReadOnlyList<string> InternalDomains, bool ExcludeInternal, bool ExcludeBulk, string AccountVisibility)
{
    public static readonly PrivacyPolicy Default = new([], [], false, false, Visibility.Full);
}

/// <summary>A user's own additions (<c>PUT /api/me/privacy</c>): only ever stricter than the tenant's.</summary>
internal sealed record UserPrivacy(IReadOnlyList<string> Blocklist, string AccountVisibility)
{
    public static readonly UserPrivacy Default = new([], Visibility.Full);
}

/// <summary>An admin set the tenant's policy. <c>ChangedBy</c> is the user id; <c>Reason</c> what they gave (may be null).</summary>
internal sealed record PrivacyPolicySet(PrivacyPolicy Policy, string ChangedBy, string? Reason, DateTimeOffset At);

/// <summary>A user set their own privacy settings.</summary>
internal sealed record UserPrivacySet(string UserId, UserPrivacy Settings, string ChangedBy, string? Reason, DateTimeOffset At);

/// <summary>
/// The tenant's privacy settings: the policy and every user's own settings, from the tenant's one privacy stream
/// (<see cref="StreamKey"/>, every change an event with who and why). <see cref="Changes"/> counts the changes folded
/// (the stream's version, counted by the fold itself: Marten would overwrite a member named <c>Version</c> with what its
/// quick append knows of the version, which is nothing): it moves with every change, so answers kept under it (the
/// calendar's) are never stale.
/// </summary>
internal sealed record PrivacyState(string Id, PrivacyPolicy Policy, IReadOnlyDictionary<string, UserPrivacy> Users, long Changes)
{
    public const string StreamKey = "synchronization.privacy";

    public static readonly PrivacyState Empty = new(StreamKey, PrivacyPolicy.Default, new Dictionary<string, UserPrivacy>(StringComparer.Ordinal), 0);

    public UserPrivacy UserSettings(string userId) => Users.GetValueOrDefault(userId) ?? UserPrivacy.Default;

    /// <summary>The one evolve of the privacy stream.</summary>
    public static PrivacyState? Fold(PrivacyState? state, object e)
    {
        var current = state ?? Empty;
        return e switch
        {
            PrivacyPolicySet x => current with { Policy = x.Policy, Changes = current.Changes + 1 },
            UserPrivacySet x => current with
            {
                Users = new Dictionary<string, UserPrivacy>(current.Users, StringComparer.Ordinal) { [x.UserId] = x.Settings },
                Changes = current.Changes + 1,
            },
            _ => state,
        };
    }

    /// <summary>What the Calendar module needs: the levels others see of each user's items.</summary>
    public VisibilityRules VisibilityRules() => new(
        Changes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Policy.AccountVisibility,
        Users.Where(u => Visibility.Rank(u.Value.AccountVisibility) > Visibility.Rank(Policy.AccountVisibility))
            .ToDictionary(u => u.Key, u => u.Value.AccountVisibility, StringComparer.Ordinal));
}

/// <summary>The inline snapshot of the privacy stream (<see cref="PrivacyState.Fold"/>).</summary>
internal sealed class PrivacyStateProjection : SingleStreamProjection<PrivacyState, string>
{
    public PrivacyStateProjection()
    {
        IncludeType<PrivacyPolicySet>();
        IncludeType<UserPrivacySet>();
    }

    public override PrivacyState? Evolve(PrivacyState? snapshot, string id, IEvent e) => PrivacyState.Fold(snapshot, e.Data);
}
