using System.Net;
using System.Net.Http.Json;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// The provider screen of a tenant whose integration review is not done (<see cref="Tenant"/>, no provider enabled):
/// no Continue that does nothing, but who enables a provider and how; an admin gets the way to the console; once one
/// provider is enabled, the others still say the same for themselves.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class UnreviewedTenantTests(UiWorld world)
{
    private const string Tenant = "ui-console-unreviewed";
    private const string Mailbox = "quinn@unreviewed.onmicrosoft.com";

    private static readonly TokenRequest Quinn = new("quinn", Tenant, Mailbox, "Quinn Office", "user", UiScenario.TimeZone);
    private static readonly TokenRequest Riley = new("riley", Tenant, "riley@unreviewed.example", "Riley Admin", "admin", UiScenario.TimeZone);

    [BrowserFact]
    public async Task A_user_of_an_unreviewed_tenant_is_told_who_enables_a_provider_and_how_and_an_admin_gets_to_the_console()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "unreviewed");
        var page = browser.Page;
        await browser.SignInAsync(Quinn);
        await browser.OpenFromUserMenuAsync("Link External Calendar/Email");

        // The detected provider is not enabled: no Continue, the steps instead, and the user is sent to an administrator.
        await Expect(page.Locator("#detected-provider")).ToHaveTextAsync("Microsoft 365 / Outlook");
        await Expect(page.Locator("#provider-continue")).ToHaveCountAsync(0);
        var steps = page.Locator("#provider-not-enabled");
        await Expect(steps).ToContainTextAsync("Microsoft 365 / Outlook is not enabled for your organization yet.");
        await Expect(steps).ToContainTextAsync("Submit a Ticket Request");
        await Expect(steps).ToContainTextAsync("an administrator of your organization enables the provider in Admin console → Providers, entering the Ticket Request number");
        await Expect(page.Locator("#provider-ask-admin")).ToBeVisibleAsync();
        await Expect(page.Locator("#provider-admin-link")).ToHaveCountAsync(0);
        await browser.AssertAccessibleAsync("the detected provider not enabled");
        await browser.ScreenshotAsync("detected-not-enabled");

        // Every provider is disabled: the choice has no Continue either.
        await page.ClickAsync("#provider-other");
        await Expect(page.Locator("#provider-choice input[name=provider]:not([disabled])")).ToHaveCountAsync(0);
        await Expect(page.Locator("#provider-choice-continue")).ToHaveCountAsync(0);
        await Expect(page.Locator("#provider-not-enabled")).ToContainTextAsync("Google Workspace / Gmail");
        await browser.AssertAccessibleAsync("every provider not enabled");
        await browser.ScreenshotAsync("choice-not-enabled");

        // The administrator finds the way to the console's providers from the same screen.
        await using var adminBrowser = await BrowserSession.OpenAsync(world, "unreviewed-admin");
        await adminBrowser.SignInAsync(Riley);
        await adminBrowser.OpenFromUserMenuAsync("Link External Calendar/Email");
        await Expect(adminBrowser.Page.Locator("#provider-not-enabled")).ToBeVisibleAsync();
        await adminBrowser.AssertAccessibleAsync("the provider screen of an admin");
        await adminBrowser.ScreenshotAsync("admin-sees-console-link");
        await adminBrowser.Page.ClickAsync("#provider-admin-link");
        await Expect(adminBrowser.Page.Locator("#admin-tab-providers")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(adminBrowser.Page.Locator("#admin-providers [data-provider='microsoft'] .badge")).ToHaveTextAsync("Not enabled");

        // Once Microsoft is enabled, it continues; the providers still disabled say so for themselves.
        using (var admin = world.ClientFor(Tokens.Admin(Tenant)))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/microsoft", new { enabled = true, reviewTicket = "TR-77" })).StatusCode);
        }

        await page.ClickAsync("#link-email-form button[type=submit]");
        await Expect(page.Locator("#provider-continue")).ToBeEnabledAsync();
        await Expect(page.Locator("#provider-not-enabled")).ToHaveCountAsync(0);
        await page.ClickAsync("#provider-other");
        await Expect(page.Locator("#provider-choice-continue")).ToBeVisibleAsync();
        var note = page.Locator("#provider-not-enabled");
        await Expect(note).ToContainTextAsync("Google Workspace / Gmail");
        await Expect(note).Not.ToContainTextAsync("Microsoft");
        await browser.AssertAccessibleAsync("one provider enabled among disabled ones");
        await browser.ScreenshotAsync("one-enabled");
        browser.AssertNothingLeftTheMachine();
    }
}
