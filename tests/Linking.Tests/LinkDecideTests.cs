using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.Integration;
using NavusoftSync.Linking.Links;
using NavusoftSync.Linking.Links.Completing;
using NavusoftSync.Linking.Links.Listing;
using NavusoftSync.Linking.Links.Syncing;
using NavusoftSync.Linking.Links.Unlinking;
using NavusoftSync.Linking.OAuth;

namespace NavusoftSync.Linking.Tests;

public sealed class LinkDecideTests
{
    private static readonly DateTimeOffset Then = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly string LinkId = LinkIds.For("user-1", "google", "1234567890");
    private static readonly VerifiedAccount Carl = new("user-1", "google", new ExternalAccount("1234567890", "carl@gmail.com", "Carl"), "openid email");

    private static Link Given(params object[] events) => events.Aggregate((Link?)null, Link.Fold)!;

    private static readonly Link Active = Given(new Linked(LinkId, "user-1", "google", "1234567890", "carl@gmail.com", "Carl", "openid email", Then));

    [Fact]
    public void Link_ids_are_derived_from_user_provider_and_external_account()
    {
        Assert.Equal(LinkId, LinkIds.For("user-1", "google", "1234567890"));
        Assert.NotEqual(LinkId, LinkIds.For("user-2", "google", "1234567890"));
        Assert.NotEqual(LinkId, LinkIds.For("user-1", "microsoft", "1234567890"));
        Assert.NotEqual(LinkId, LinkIds.For("user-1", "google", "1234567891"));
        Assert.NotEqual(LinkIds.For("a\nb", "google", "c"), LinkIds.For("a", "b\ngoogle", "c"));
        Assert.True(LinkIds.LooksValid(LinkId));
        Assert.False(LinkIds.LooksValid("lnk_../../x"));
    }

    [Fact]
    public void A_new_account_is_linked()
    {
        var events = CompleteLinkHandler.Decide(LinkId, Carl, null, Now);

        Assert.Equal<object>([new Linked(LinkId, "user-1", "google", "1234567890", "carl@gmail.com", "Carl", "openid email", Now)], events);
        Assert.Equal(LinkState.Active, Given([.. events]).State);
    }

    [Theory]
    [InlineData("active")]
    [InlineData("reauth")]
    [InlineData("unlinked")]
    public void The_same_account_again_is_relinked_in_any_state_and_becomes_active(string given)
    {
        var state = given switch
        {
            "reauth" => Link.Fold(Active, new ReauthRequired(LinkId, "user-1", "google", "invalid_grant", Then))!,
            "unlinked" => Link.Fold(Active, new Unlinked(LinkId, "user-1", "google", Then))!,
            _ => Active,
        };

        var events = CompleteLinkHandler.Decide(LinkId, Carl with { Account = Carl.Account with { Address = "carl.r@gmail.com" } }, state, Now);

        Assert.Equal<object>([new Relinked(LinkId, "user-1", "google", "1234567890", "carl.r@gmail.com", "openid email", Now)], events);
        var after = events.Aggregate((Link?)state, Link.Fold)!;
        Assert.Equal(LinkState.Active, after.State);
        Assert.Equal("carl.r@gmail.com", after.ExternalAccount);
        Assert.Null(after.ReauthReason);
    }

    [Fact]
    public void Unlinking_is_for_the_owner_only_and_only_once()
    {
        Assert.Equal<object>([new Unlinked(LinkId, "user-1", "google", Now)], UnlinkHandler.Decide(new Unlink(LinkId, "user-1"), Active, Now));
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => UnlinkHandler.Decide(new Unlink(LinkId, "user-2"), Active, Now)).Kind);
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => UnlinkHandler.Decide(new Unlink(LinkId, "user-1"), null, Now)).Kind);
        Assert.Empty(UnlinkHandler.Decide(new Unlink(LinkId, "user-1"), Link.Fold(Active, new Unlinked(LinkId, "user-1", "google", Then))!, Now));
    }

    [Fact]
    public void A_sync_can_be_requested_for_an_active_link_of_ones_own()
    {
        Assert.Equal<object>([new SyncRequested(LinkId, "user-1", "google", Now)], RequestSyncHandler.Decide(new RequestSync(LinkId, "user-1"), Active, Now));
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => RequestSyncHandler.Decide(new RequestSync(LinkId, "user-2"), Active, Now)).Kind);
        var reauth = Assert.Throws<DomainException>(() => RequestSyncHandler.Decide(
            new RequestSync(LinkId, "user-1"), Link.Fold(Active, new ReauthRequired(LinkId, "user-1", "google", "x", Then))!, Now));
        Assert.Equal((DomainErrorKind.Conflict, "Re-authorization required"), (reauth.Kind, reauth.Title));
        var unlinked = Assert.Throws<DomainException>(() => RequestSyncHandler.Decide(
            new RequestSync(LinkId, "user-1"), Link.Fold(Active, new Unlinked(LinkId, "user-1", "google", Then))!, Now));
        Assert.Equal((DomainErrorKind.Conflict, "Link unlinked"), (unlinked.Kind, unlinked.Title));
    }

    [Fact]
    public void A_refused_grant_marks_an_active_link_only()
    {
        Assert.Equal<object>(
            [new ReauthRequired(LinkId, "user-1", "google", "invalid_grant: revoked", Now)],
            MarkReauthRequired.Decide(Active, "invalid_grant: revoked", Now));
        Assert.Empty(MarkReauthRequired.Decide(Link.Fold(Active, new ReauthRequired(LinkId, "user-1", "google", "x", Then))!, "again", Now));
        Assert.Empty(MarkReauthRequired.Decide(Link.Fold(Active, new Unlinked(LinkId, "user-1", "google", Then))!, "again", Now));
        Assert.Empty(MarkReauthRequired.Decide(null, "again", Now));
    }

    [Fact]
    public void The_status_shows_the_links_state_first_then_its_sync_activity()
    {
        var none = LinkSyncActivity.None(LinkId);
        Assert.Equal("Active", LinkStatus.Of(Active, null));
        Assert.Equal("Syncing", LinkStatus.Of(Active, none.Started(Now)));
        Assert.Equal("Active", LinkStatus.Of(Active, none.Started(Now).Succeeded(Now, 3, 2)));
        Assert.Equal("Failed", LinkStatus.Of(Active, none.Started(Now).Failed(Now, "Graph answered 503")));
        Assert.Equal("ReauthRequired", LinkStatus.Of(Link.Fold(Active, new ReauthRequired(LinkId, "user-1", "google", "x", Now))!, none.Started(Now)));
        Assert.Equal("Unlinked", LinkStatus.Of(Link.Fold(Active, new Unlinked(LinkId, "user-1", "google", Now))!, none.Started(Now)));
    }

    [Fact]
    public void Sync_activity_counts_accumulate_and_a_success_clears_the_last_error()
    {
        var activity = LinkSyncActivity.None(LinkId).Started(Then).Succeeded(Then, 10, 4).Started(Now).Failed(Now, "timeout");
        Assert.Equal((10L, 4L, "timeout", Now), (activity.EmailsSynced, activity.AppointmentsSynced, activity.LastSyncError, activity.LastSyncAt!.Value));

        activity = activity.Started(Now).Succeeded(Now, 1, 0);
        Assert.Equal((11L, 4L, (string?)null, false), (activity.EmailsSynced, activity.AppointmentsSynced, activity.LastSyncError, activity.LastSyncFailed));
    }

    [Fact]
    public void Every_link_event_maps_to_its_integration_event()
    {
        Assert.Equal(new LinkEstablished(LinkId, "user-1", "google", "carl@gmail.com", false),
            Assert.Single(LinkingPublisher.Map(new Linked(LinkId, "user-1", "google", "1", "carl@gmail.com", null, null, Now))));
        Assert.Equal(new LinkEstablished(LinkId, "user-1", "google", "carl@gmail.com", true),
            Assert.Single(LinkingPublisher.Map(new Relinked(LinkId, "user-1", "google", "1", "carl@gmail.com", null, Now))));
        Assert.Equal(new LinkUnlinked(LinkId, "user-1", "google"), Assert.Single(LinkingPublisher.Map(new Unlinked(LinkId, "user-1", "google", Now))));
        Assert.Equal(new LinkReauthRequired(LinkId, "user-1", "google", "r"), Assert.Single(LinkingPublisher.Map(new ReauthRequired(LinkId, "user-1", "google", "r", Now))));
        Assert.Equal(new LinkSyncRequested(LinkId, "user-1", "google"), Assert.Single(LinkingPublisher.Map(new SyncRequested(LinkId, "user-1", "google", Now))));
    }
}
