using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Synchronization.Privacy.Settings;

/// <summary>
/// <c>PUT /api/admin/privacy</c>: the tenant's whole policy (a field left out takes its default: empty lists, false,
/// <c>full</c>), and optionally why it changes (kept on the change's event).
/// </summary>
public sealed record TenantPrivacyRequest(
    IReadOnlyList<string?>? Blocklist, IReadOnlyList<string?>? InternalDomains, bool? ExcludeInternal, bool? ExcludeBulk, string? AccountVisibility, string? Reason);

/// <summary><c>PUT /api/me/privacy</c>: the user's own additions (a field left out takes its default), and optionally why.</summary>
public sealed record UserPrivacyRequest(IReadOnlyList<string?>? Blocklist, string? AccountVisibility, string? Reason);

/// <summary>The tenant's policy as <c>GET /api/admin/privacy</c> answers it; <c>version</c> changes with every privacy change of the tenant.</summary>
public sealed record TenantPrivacyResponse(
    IReadOnlyList<string> Blocklist, IReadOnlyList<string> InternalDomains, bool ExcludeInternal, bool ExcludeBulk, string AccountVisibility, long Version)
{
    internal static TenantPrivacyResponse From(PrivacyState state) =>
        new(state.Policy.Blocklist, state.Policy.InternalDomains, state.Policy.ExcludeInternal, state.Policy.ExcludeBulk, state.Policy.AccountVisibility, state.Changes);
}

/// <summary>
/// The user's settings as <c>GET /api/me/privacy</c> answers them, with the tenant's level (the loosest the user may
/// choose) and the level others see of the user's items now (the stricter of the two).
/// </summary>
public sealed record UserPrivacyResponse(IReadOnlyList<string> Blocklist, string AccountVisibility, string TenantAccountVisibility, string EffectiveAccountVisibility)
{
    internal static UserPrivacyResponse From(PrivacyState state, string userId)
    {
        var own = state.UserSettings(userId);
        return new(own.Blocklist, own.AccountVisibility, state.Policy.AccountVisibility, Visibility.Stricter(state.Policy.AccountVisibility, own.AccountVisibility));
    }
}
