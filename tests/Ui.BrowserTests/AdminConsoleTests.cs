using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// The admin console of a tenant of its own (<see cref="Tenant"/>): an admin enables a provider under its Ticket Request
/// (the missing ticket refused at the field first), disables another after confirming, maps and removes a custom
/// domain, and sees every link of the tenant with the one needing its user first, filtered by status; the console at
/// phone width; a user who is not an admin is told who can use it.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class AdminConsoleTests(UiWorld world)
{
    private const string Tenant = "ui-console-admin";
    private const string TimeZone = UiScenario.TimeZone;
    private const string AvaMailbox = "ava@console-admin.onmicrosoft.com";
    private const string BenMailbox = "ben.console.admin@gmail.com";
    private const string Domain = "console-admin-haulers.example";

    private static readonly TokenRequest Morgan = new("morgan", Tenant, "morgan@console-admin.example", "Morgan Manager", "admin", TimeZone);
    private static readonly TokenRequest Ava = new("ava", Tenant, AvaMailbox, "Ava Agent", "user", TimeZone);
    private static readonly TokenRequest Ben = new("ben", Tenant, "ben@console-admin.example", "Ben Booker", "user", TimeZone);

    [BrowserFact]
    public async Task An_admin_enables_a_provider_with_its_ticket_maps_a_domain_and_sees_every_link_with_the_one_needing_its_user_first()
    {
        var benLink = await BenNeedsToLinkAgainAsync();

        await using var browser = await BrowserSession.OpenAsync(world, "admin-console");
        var page = browser.Page;
        await browser.SignInAsync(Morgan);
        await browser.OpenFromUserMenuAsync("Admin console");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Admin console");
        await Expect(page.Locator("#admin-tab-providers")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#providers-explained")).ToContainTextAsync("integration review of your Ticket Request");
        var microsoft = page.Locator("#admin-providers [data-provider='microsoft']");
        await Expect(microsoft.Locator(".badge")).ToHaveTextAsync("Not enabled");
        await browser.AssertAccessibleAsync("the providers");
        await browser.ScreenshotAsync("providers");

        // Enabling without the Ticket Request number: the server's message by the field, the focus on it.
        await microsoft.Locator("button.enable-provider").ClickAsync();
        await Expect(page.Locator("#ticket-microsoft-error")).ToContainTextAsync("Ticket Request");
        await Expect(page.Locator("#ticket-microsoft")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#ticket-microsoft")).ToBeFocusedAsync();
        await browser.AssertAccessibleAsync("a missing ticket refused");
        await browser.ScreenshotAsync("ticket-missing");
        await page.FillAsync("#ticket-microsoft", "TR-4711");
        await page.PressAsync("#ticket-microsoft", "Enter");
        await Expect(page.Locator("#admin-saved")).ToContainTextAsync("Microsoft 365 / Outlook is enabled");
        await Expect(microsoft.Locator(".badge")).ToHaveTextAsync("Enabled");
        await Expect(microsoft.Locator(".review-ticket")).ToHaveTextAsync("TR-4711");
        await Expect(microsoft.Locator(".changed")).ToContainTextAsync("morgan");

        // Disabling asks first.
        var google = page.Locator("#admin-providers [data-provider='google']");
        await google.Locator("button.disable-provider").ClickAsync();
        await Expect(page.Locator("#confirm-title")).ToHaveTextAsync("Disable Google Workspace / Gmail?");
        await browser.AssertAccessibleAsync("the disable confirmation");
        await page.ClickAsync("#confirm-ok");
        await Expect(google.Locator(".badge")).ToHaveTextAsync("Not enabled");
        await browser.AssertAccessibleAsync("a provider enabled and one disabled");
        await browser.ScreenshotAsync("providers-changed");

        // Ava links her mailbox now that Microsoft is enabled (the page's change reached the server).
        var avaLink = await world.LinkAsync(Ava, "microsoft", AvaMailbox);

        await DomainsAsync(browser);
        var serverListsLinks = await ServerListsLinksAsync();
        await LinksAsync(browser, avaLink, benLink, serverListsLinks);
        await AtPhoneWidthAsync(serverListsLinks);
        browser.AssertNothingLeftTheMachine();
    }

    private async Task DomainsAsync(BrowserSession browser)
    {
        var page = browser.Page;
        await page.Locator("#admin-tab-providers").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight"); // the tabs follow the arrows
        await Expect(page.Locator("#admin-tab-domains")).ToBeFocusedAsync();
        await Expect(page.Locator("#admin-tab-domains")).ToHaveAttributeAsync("aria-selected", "true");
        Assert.EndsWith("#/admin/domains", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#domains-empty")).ToBeVisibleAsync();

        // A well-known domain is refused by the field; the tenant's own is mapped.
        await page.FillAsync("#domain-name", "gmail.com");
        await page.ClickAsync("#domain-add");
        await Expect(page.Locator("#domain-name-error")).ToContainTextAsync("well-known");
        await Expect(page.Locator("#domain-name")).ToBeFocusedAsync();
        await browser.AssertAccessibleAsync("a domain refused");
        await browser.ScreenshotAsync("domain-refused");
        await page.FillAsync("#domain-name", Domain);
        await page.SelectOptionAsync("#domain-provider", "microsoft");
        await page.ClickAsync("#domain-add");
        var row = page.Locator($"#admin-domains tr[data-domain='{Domain}']");
        await Expect(row).ToContainTextAsync("Microsoft 365 / Outlook");
        await Expect(row).ToContainTextAsync("morgan");
        await browser.AssertAccessibleAsync("a domain mapped");
        await browser.ScreenshotAsync("domain-mapped");

        using (var api = world.ClientFor(Ava))
        {
            var providers = await api.GetFromJsonAsync<JsonElement>($"/api/providers?email=someone@{Domain}");
            Assert.Equal("microsoft", providers.EnumerateArray().Single(p => p.GetProperty("suggested").GetBoolean()).GetProperty("id").GetString());
        }

        await row.Locator("button.remove-domain").ClickAsync();
        await Expect(page.Locator("#confirm-title")).ToHaveTextAsync($"Remove {Domain}?");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#domains-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#admin-saved")).ToContainTextAsync($"{Domain} is removed");
    }

    private static async Task LinksAsync(BrowserSession browser, string avaLink, string benLink, bool serverListsLinks)
    {
        var page = browser.Page;
        await page.ClickAsync("#admin-tab-links");
        Assert.EndsWith("#/admin/links", page.Url, StringComparison.Ordinal);
        if (!serverListsLinks)
        {
            // A server without GET /api/admin/links: the section says so instead of failing.
            await Expect(page.Locator("#admin-links-unavailable")).ToContainTextAsync("cannot list your organization's links yet");
            await browser.AssertAccessibleAsync("the links of an older server");
            await browser.ScreenshotAsync("links-unavailable");
            return;
        }

        var rows = page.Locator("#admin-links-table tbody tr");
        await Expect(rows).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(rows.First).ToHaveAttributeAsync("data-link-id", benLink); // the one needing a person first
        await Expect(rows.First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("needs-person"));
        await Expect(rows.First.Locator(".badge")).ToHaveTextAsync("Reauthorization required");
        await Expect(rows.First).ToContainTextAsync(BenMailbox);
        await Expect(page.Locator("#admin-links-summary")).ToContainTextAsync("1 link needs its user to link again.");
        await Expect(page.Locator($"#admin-links-table tr[data-link-id='{avaLink}']")).ToContainTextAsync(AvaMailbox);
        await browser.AssertAccessibleAsync("every link of the tenant");
        await browser.ScreenshotAsync("links");

        await page.SelectOptionAsync("#admin-links-filter", "ReauthRequired");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-link-id", benLink);
        Assert.EndsWith("#/admin/links?status=ReauthRequired", page.Url, StringComparison.Ordinal);
        await browser.AssertAccessibleAsync("the links needing a relink");
        await browser.ScreenshotAsync("links-needing-relink");

        // The filter is in the route: a reload opens the same section, filtered.
        await page.ReloadAsync();
        await Expect(page.Locator("#admin-tab-links")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#admin-links-filter")).ToHaveValueAsync("ReauthRequired");
        await Expect(rows).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#admin-links-filter", "Unlinked");
        await Expect(page.Locator("#admin-links-empty")).ToContainTextAsync("No links with the status \"Unlinked\"");
    }

    /// <summary>The console at 390 px: the providers, and the links where the server lists them.</summary>
    private async Task AtPhoneWidthAsync(bool serverListsLinks)
    {
        await using var phone = await BrowserSession.OpenAsync(world, "admin-console-phone", phone: true);
        await phone.SignInAsync(Morgan);
        await phone.Page.GotoAsync($"{world.BaseUrl}/app/#/admin/providers");
        await Expect(phone.Page.Locator("#admin-providers [data-provider='microsoft'] .badge")).ToHaveTextAsync("Enabled");
        await phone.AssertNoSidewaysScrollingAsync();
        await phone.AssertAccessibleAsync("the providers at phone width");
        await phone.ScreenshotAsync("providers");
        if (serverListsLinks)
        {
            await phone.Page.ClickAsync("#admin-tab-links");
            await Expect(phone.Page.Locator("#admin-links-table tbody tr")).ToHaveCountAsync(2);
            await phone.AssertNoSidewaysScrollingAsync();
            await phone.AssertAccessibleAsync("the links at phone width");
            await phone.ScreenshotAsync("links");
        }
    }

    [BrowserFact]
    public async Task A_user_who_is_not_an_admin_opening_the_console_is_told_who_can_use_it()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "admin-console-user");
        var page = browser.Page;
        await browser.SignInAsync(Ava);
        await Expect(page.Locator("#menu-admin")).ToBeHiddenAsync();
        await page.GotoAsync($"{world.BaseUrl}/app/#/admin/providers");
        await Expect(page.Locator("#admin-only")).ToContainTextAsync("Only your organization's Navusoft administrators can use the admin console.");
        await Expect(page.Locator("[role=tablist]")).ToHaveCountAsync(0);
        await browser.AssertAccessibleAsync("the console refused to a user");
        await browser.ScreenshotAsync("refused");

        using var api = world.ClientFor(Ava);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/admin/providers")).StatusCode);
    }

    /// <summary>Ben linked his Gmail (Google enabled through the API), then revoked access: his link needs him to link again.</summary>
    private async Task<string> BenNeedsToLinkAgainAsync()
    {
        await world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = AvaMailbox, Provider = SandboxProvider.Microsoft, DisplayName = "Ava Agent" });
        await world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = BenMailbox, Provider = SandboxProvider.Google, DisplayName = "Ben Booker" });
        using (var admin = world.ClientFor(Tokens.Admin(Tenant)))
        {
            var enabled = await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-4700" });
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        var linkId = await world.LinkAsync(Ben, "google", BenMailbox);
        await world.WaitForLinkAsync(Ben, linkId, l => l.GetProperty("lastSyncAt").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(60));
        await world.Sandbox.Control.RevokeTokensAsync(BenMailbox);
        using (var api = world.ClientFor(Ben))
        {
            (await api.PostAsync($"/api/me/links/{linkId}/sync", null)).EnsureSuccessStatusCode();
        }

        await world.WaitForLinkAsync(Ben, linkId, l => l.GetProperty("status").GetString() == "ReauthRequired", TimeSpan.FromSeconds(60));
        return linkId;
    }

    /// <summary>Whether this build's server has <c>GET /api/admin/links</c> (it answers 404 or 405 where it does not).</summary>
    private async Task<bool> ServerListsLinksAsync()
    {
        using var admin = world.ClientFor(Morgan);
        var response = await admin.GetAsync("/api/admin/links");
        return response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
    }
}
