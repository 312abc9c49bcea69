using NavusoftSync.Linking.Links.Completing;
using NavusoftSync.Linking.Links.Starting;
using NavusoftSync.Linking.OAuth;

namespace NavusoftSync.Linking.Tests;

public sealed class ConsumeStateDecideTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly OAuthState State = OAuthState.Create("tenant-a");
    private static readonly BrowserBinding Binding = BrowserBinding.Create();

    private static readonly PendingAuthorization Pending = new(
        State.Hash, "req-1", "tenant-a", "user-1", "google", "protected", "https://navusoft.example/api/links/callback/google",
        Issued, Issued + PendingAuthorization.Lifetime, null, Binding.Hash);

    /// <summary>By default the callback brings the starting browser's cookie and no token.</summary>
    private static (StateRejection, PendingChange) Decide(
        PendingAuthorization? pending, string provider = "google", string? caller = null, string? cookie = "starting browser", TimeSpan? after = null) =>
        ConsumeLinkStateHandler.Decide(
            new ConsumeLinkState(provider, State, caller, cookie switch { null => null, "starting browser" => BrowserBinding.HashOf(Binding.Value), _ => BrowserBinding.HashOf(cookie) }),
            pending,
            Issued + (after ?? TimeSpan.FromMinutes(1)));

    [Fact]
    public void A_fresh_state_of_the_right_provider_brought_by_the_starting_browser_is_consumed() =>
        Assert.Equal((StateRejection.None, PendingChange.MarkConsumed), Decide(Pending));

    [Fact]
    public void The_user_who_started_it_may_send_it_with_a_token_from_any_browser() =>
        Assert.Equal((StateRejection.None, PendingChange.MarkConsumed), Decide(Pending, caller: "user-1", cookie: null));

    [Fact]
    public void Without_a_token_or_the_starting_browsers_cookie_nothing_is_consumed()
    {
        Assert.Equal((StateRejection.Unproven, PendingChange.None), Decide(Pending, cookie: null));
        Assert.Equal((StateRejection.Unproven, PendingChange.None), Decide(Pending, cookie: BrowserBinding.Create().Value));
        Assert.Equal((StateRejection.Unproven, PendingChange.None), Decide(Pending, cookie: Binding.Hash)); // the stored hash is no proof
        Assert.Equal((StateRejection.Unproven, PendingChange.None), Decide(Pending with { BrowserBindingHash = null }));
    }

    [Fact]
    public void An_unproven_caller_neither_uses_up_nor_deletes_a_state()
    {
        Assert.Equal((StateRejection.Unproven, PendingChange.None), Decide(Pending, provider: "microsoft", cookie: null));
        Assert.Equal((StateRejection.Unproven, PendingChange.None), Decide(Pending, cookie: null, after: TimeSpan.FromMinutes(11)));
    }

    [Fact]
    public void An_unknown_state_is_refused() => Assert.Equal((StateRejection.Unknown, PendingChange.None), Decide(null));

    [Fact]
    public void A_state_found_under_another_tenant_is_refused() =>
        Assert.Equal((StateRejection.Unknown, PendingChange.None), Decide(Pending with { TenantId = "tenant-b" }));

    [Fact]
    public void Another_users_token_is_refused_and_the_state_stays_usable_even_with_the_starting_browsers_cookie() =>
        Assert.Equal((StateRejection.ForeignUser, PendingChange.None), Decide(Pending, caller: "user-2"));

    [Fact]
    public void A_used_state_is_refused() =>
        Assert.Equal((StateRejection.AlreadyUsed, PendingChange.None), Decide(Pending with { ConsumedAt = Issued }));

    [Fact]
    public void After_ten_minutes_the_state_is_expired_and_deleted()
    {
        Assert.Equal((StateRejection.None, PendingChange.MarkConsumed), Decide(Pending, after: TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1)));
        Assert.Equal((StateRejection.Expired, PendingChange.Delete), Decide(Pending, after: TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void A_state_brought_to_another_providers_callback_is_refused_and_used_up() =>
        Assert.Equal((StateRejection.WrongProvider, PendingChange.MarkConsumed), Decide(Pending, provider: "microsoft"));

    [Fact]
    public void A_user_keeps_at_most_five_requests_open()
    {
        Assert.Empty(StartLinkHandler.ToCancel(["d", "c", "b", "a"]));
        Assert.Equal(["a"], StartLinkHandler.ToCancel(["e", "d", "c", "b", "a"]));
        Assert.Equal(["b", "a"], StartLinkHandler.ToCancel(["f", "e", "d", "c", "b", "a"]));
    }
}
