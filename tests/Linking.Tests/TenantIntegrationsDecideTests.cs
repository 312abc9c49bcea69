using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Linking.Integrations;
using NavusoftSync.Linking.Integrations.Domains;
using NavusoftSync.Linking.Integrations.Enabling;

namespace NavusoftSync.Linking.Tests;

public sealed class TenantIntegrationsDecideTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static TenantIntegrations? Given(params object[] events) => events.Aggregate((TenantIntegrations?)null, TenantIntegrations.Fold);

    [Fact]
    public void Enabling_records_the_ticket_and_the_admin()
    {
        var events = SetProviderEnablementHandler.Decide(new SetProviderEnablement("google", true, " TR-1042 ", "admin-7"), null, Now);

        Assert.Equal<object>([new ProviderEnabled("google", "TR-1042", "admin-7", Now)], events);
        var state = events.Aggregate((TenantIntegrations?)null, TenantIntegrations.Fold)!;
        Assert.True(state.IsEnabled("google"));
        Assert.False(state.IsEnabled("microsoft"));
        Assert.Equal(new ProviderApproval("google", true, "TR-1042", "admin-7", Now), state.Providers["google"]);
    }

    [Fact]
    public void Enabling_again_under_the_same_ticket_changes_nothing_but_a_new_ticket_is_recorded()
    {
        var state = Given(new ProviderEnabled("google", "TR-1042", "admin-7", Now));

        Assert.Empty(SetProviderEnablementHandler.Decide(new SetProviderEnablement("google", true, "TR-1042", "admin-8"), state, Now));
        Assert.Equal<object>(
            [new ProviderEnabled("google", "TR-2001", "admin-8", Now)],
            SetProviderEnablementHandler.Decide(new SetProviderEnablement("google", true, "TR-2001", "admin-8"), state, Now));
    }

    [Fact]
    public void Disabling_an_enabled_provider_is_recorded_and_disabling_again_changes_nothing()
    {
        var enabled = Given(new ProviderEnabled("microsoft", "TR-1", "admin-1", Now));

        var events = SetProviderEnablementHandler.Decide(new SetProviderEnablement("microsoft", false, null, "admin-2"), enabled, Now);

        Assert.Equal<object>([new ProviderDisabled("microsoft", null, "admin-2", Now)], events);
        var disabled = events.Aggregate(enabled, TenantIntegrations.Fold);
        Assert.False(disabled!.IsEnabled("microsoft"));
        Assert.Empty(SetProviderEnablementHandler.Decide(new SetProviderEnablement("microsoft", false, null, "admin-2"), disabled, Now));
        Assert.Empty(SetProviderEnablementHandler.Decide(new SetProviderEnablement("microsoft", false, null, "admin-2"), null, Now));
    }

    [Fact]
    public void An_unknown_provider_is_not_found() =>
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => SetProviderEnablementHandler.Decide(new SetProviderEnablement("yahoo", true, "TR-1", "a"), null, Now)).Kind);

    [Fact]
    public void Mapping_a_domain_is_recorded_normalized_and_the_same_mapping_again_changes_nothing()
    {
        var events = MapCustomDomainHandler.Decide(new MapCustomDomain(" Acme-Hauling.COM. ", "google", "admin-1"), null, Now);

        Assert.Equal<object>([new CustomDomainMapped("acme-hauling.com", "google", "admin-1", Now)], events);
        var state = events.Aggregate((TenantIntegrations?)null, TenantIntegrations.Fold);
        Assert.Empty(MapCustomDomainHandler.Decide(new MapCustomDomain("acme-hauling.com", "google", "admin-2"), state, Now));
        Assert.Equal<object>(
            [new CustomDomainMapped("acme-hauling.com", "microsoft", "admin-2", Now)],
            MapCustomDomainHandler.Decide(new MapCustomDomain("acme-hauling.com", "microsoft", "admin-2"), state, Now));
    }

    [Fact]
    public void Unmapping_removes_a_mapped_domain_and_an_unknown_one_is_not_found()
    {
        var state = Given(new CustomDomainMapped("acme-hauling.com", "google", "admin-1", Now));

        var events = UnmapCustomDomainHandler.Decide(new UnmapCustomDomain("ACME-hauling.com", "admin-2"), state, Now);

        Assert.Equal<object>([new CustomDomainUnmapped("acme-hauling.com", "admin-2", Now)], events);
        Assert.Empty(events.Aggregate(state, TenantIntegrations.Fold)!.CustomDomains);
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => UnmapCustomDomainHandler.Decide(new UnmapCustomDomain("other.com", "admin-2"), state, Now)).Kind);
    }
}
