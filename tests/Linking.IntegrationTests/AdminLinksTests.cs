using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>
/// <c>GET /api/admin/links?status=</c>: every link of the admin's tenant with its user and the fields of
/// <c>GET /api/me/links</c>, the links needing a person first; admins only, never another tenant's links.
/// </summary>
public sealed class AdminLinksTests(LinkingHost host) : IClassFixture<LinkingHost>
{
    [Fact]
    public async Task An_admin_sees_every_link_of_the_tenant_and_who_must_link_again_first_and_nothing_of_another_tenant()
    {
        var (tenant, otherTenant) = (await NewTenantAsync(), await NewTenantAsync());
        var (alice, bob) = ($"alice-{Guid.NewGuid():N}", $"bob-{Guid.NewGuid():N}");
        var aliceBox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var bobBox = await host.AddMailboxAsync(SandboxProvider.Google);
        var carolBox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var aliceLink = (await host.LinkAsync(host.UserClient(alice, tenant: tenant), "microsoft", aliceBox)).Str("linkId");
        var bobLink = (await host.LinkAsync(host.UserClient(bob, tenant: tenant), "google", bobBox)).Str("linkId");
        var carolLink = (await host.LinkAsync(host.UserClient($"carol-{Guid.NewGuid():N}", tenant: otherTenant), "microsoft", carolBox)).Str("linkId");

        // Google refuses Bob's stored grant: his link needs him to link again.
        await host.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = bobBox, Kind = FaultKind.InvalidGrant });
        var granted = await host.AccessTokenAsync(bobLink, tenant: tenant);
        Assert.Equal(AccessTokenOutcome.ReauthRequired, (await host.AccessTokenAsync(bobLink, granted.AccessToken, tenant: tenant)).Outcome);

        var admin = host.App.ClientFor(Tokens.Admin(tenant));
        var all = await ListAsync(admin, "/api/admin/links");
        Assert.Equal([bobLink, aliceLink], all.Select(l => l.Str("linkId")));
        Assert.Equal([bob, alice], all.Select(l => l.Str("userId")));
        Assert.Equal(["ReauthRequired", "Active"], all.Select(l => l.Str("status")));
        Assert.DoesNotContain(carolLink, all.Select(l => l.Str("linkId")));

        var reason = all[0].Str("reauthReason");
        Assert.Equal(
            $"Google Workspace / Gmail no longer accepts the sign-in stored for {bobBox} (it was revoked, expired or changed). Link the account again from your profile to resume syncing.",
            reason);
        Assert.DoesNotContain("invalid_grant", reason, StringComparison.OrdinalIgnoreCase);

        // Every field the user sees of their own link, plus whose it is.
        var aliceOwn = Assert.Single((await (await host.UserClient(alice, tenant: tenant).GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
        AssertSameFields(aliceOwn, all[1]);
        var bobOwn = Assert.Single((await (await host.UserClient(bob, tenant: tenant).GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
        AssertSameFields(bobOwn, all[0]);

        var otherAdmin = host.App.ClientFor(Tokens.Admin(otherTenant));
        Assert.Equal([carolLink], (await ListAsync(otherAdmin, "/api/admin/links")).Select(l => l.Str("linkId")));
    }

    [Fact]
    public async Task The_status_filter_takes_the_contract_values_exactly_and_refuses_anything_else()
    {
        var box = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var dana = $"dana-{Guid.NewGuid():N}";
        var linkId = (await host.LinkAsync(host.UserClient(dana), "microsoft", box)).Str("linkId");
        var admin = host.App.ClientFor(Tokens.Admin(LinkingHost.Tenant));

        Assert.Contains(linkId, (await ListAsync(admin, "/api/admin/links?status=Active")).Select(l => l.Str("linkId")));
        Assert.All(await ListAsync(admin, "/api/admin/links?status=Active"), l => Assert.Equal("Active", l.Str("status")));
        Assert.DoesNotContain(linkId, (await ListAsync(admin, "/api/admin/links?status=ReauthRequired")).Select(l => l.Str("linkId")));
        Assert.All(await ListAsync(admin, "/api/admin/links?status=ReauthRequired"), l => Assert.Equal("ReauthRequired", l.Str("status")));

        foreach (var bad in new[] { "active", "Bogus", "Active,Failed", "'; drop table links; --", new string('A', 5000) })
        {
            var problem = await (await admin.GetAsync($"/api/admin/links?status={Uri.EscapeDataString(bad)}")).AssertValidationProblemAsync("status");
            Assert.Contains("Active, Syncing, ReauthRequired, Failed, Unlinked", problem.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_an_admin_may_list_the_tenants_links()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await host.UserClient(LinkingHost.NewUser()).GetAsync("/api/admin/links")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.App.CreateClient().GetAsync("/api/admin/links")).StatusCode);
    }

    /// <summary>A tenant of this test alone, its admin having enabled Microsoft and Google.</summary>
    private async Task<string> NewTenantAsync()
    {
        var tenant = $"tenant-{Guid.NewGuid():N}"[..20];
        var admin = host.App.ClientFor(Tokens.Admin(tenant));
        foreach (var provider in new[] { "microsoft", "google" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/providers/{provider}", new { enabled = true, reviewTicket = "TR-2002" })).StatusCode);
        }

        return tenant;
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient admin, string url) =>
        [.. (await (await admin.GetAsync(url)).OkJsonAsync()).EnumerateArray()];

    /// <summary>The admin's entry holds every property of the user's own entry with the same value, and only <c>userId</c> more.</summary>
    private static void AssertSameFields(JsonElement own, JsonElement admin)
    {
        var ownFields = own.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        var adminFields = admin.EnumerateObject().Where(p => p.Name != "userId").ToDictionary(p => p.Name, p => p.Value.GetRawText());
        Assert.Equal(ownFields, adminFields);
        Assert.Contains("progress", ownFields.Keys);
    }
}
