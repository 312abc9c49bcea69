using System.Text.Json;
using Microsoft.Playwright;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>The product's setup walk-through in the browser: user menu, provider screen, provider login, success, linked accounts.</summary>
[Collection(UiCollection.Name)]
public sealed class LinkFlowTests(UiWorld world)
{
    [BrowserFact]
    public async Task A_user_links_a_mailbox_from_the_user_menu_sees_it_sync_syncs_it_again_and_unlinks_it()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "link-flow");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Lee);
        await Expect(page.Locator("#no-links")).ToBeVisibleAsync(); // nothing linked yet: the calendar says how to start
        await browser.ScreenshotAsync("calendar-before-linking");

        // The user menu shows the user's name and offers "Link External Calendar/Email".
        await Expect(page.Locator("#user-menu-button")).ToContainTextAsync("Lee Loader");
        await page.ClickAsync("#user-menu-button");
        var menuItem = page.GetByRole(AriaRole.Menuitem, new() { Name = "Link External Calendar/Email" });
        await Expect(menuItem).ToBeFocusedAsync();
        await browser.ScreenshotAsync("user-menu");
        await menuItem.ClickAsync();

        // The provider screen: the provider detected from the address, Continue and Select a Different Provider.
        await Expect(page.Locator("#provider-detected")).ToBeVisibleAsync();
        await Expect(page.Locator("#detected-provider")).ToHaveTextAsync("Microsoft 365 / Outlook");
        await Expect(page.Locator("#link-email")).ToHaveValueAsync(UiScenario.LeeMailbox);
        await browser.AssertAccessibleAsync("provider-detected");
        await browser.ScreenshotAsync("provider-detected");
        await page.ClickAsync("#provider-other");
        await Expect(page.Locator("label[for=provider-microsoft]")).ToContainTextAsync("Microsoft 365 / Outlook");
        await Expect(page.Locator("label[for=provider-google]")).ToContainTextAsync("Google Workspace / Gmail");
        await browser.AssertAccessibleAsync("select-a-different-provider");
        await browser.ScreenshotAsync("select-a-different-provider");
        await page.CheckAsync("#provider-microsoft");

        // The provider login: the sandbox's consent (held until the page's waiting state is captured).
        // Meanwhile the browser loses its cookies (a privacy setting, a cleaner), so the sign-in window comes
        // back without the link request's cookie: the callback shows its page, which hands the answer to this
        // page, and this page completes the link with its token.
        var callbackPages = SignInWindowCallbacks(browser);
        var consentSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await browser.Context.RouteAsync(url => url.StartsWith(world.Sandbox.BaseUrl, StringComparison.Ordinal) && url.Contains("/oauth2/v2.0/authorize", StringComparison.Ordinal), async route =>
        {
            consentSeen.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#provider-choice-continue"));
        await consentSeen.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Expect(page.Locator("#link-waiting")).ToContainTextAsync("Log in to Microsoft 365 / Outlook");
        await browser.AssertAccessibleAsync("provider-login-waiting");
        await browser.ScreenshotAsync("provider-login-waiting");
        await browser.Context.ClearCookiesAsync();
        release.SetResult();

        // Back from the provider: the host's success message, the sign-in window closed.
        await Expect(page.Locator("#link-success-message")).ToContainTextAsync($"{UiScenario.LeeMailbox} is linked", new() { Timeout = 30_000 });
        await BrowserSession.WaitUntilClosedAsync(popup);
        Assert.StartsWith("text/html", Assert.Single(callbackPages), StringComparison.Ordinal); // the relay page, not the JSON
        await browser.AssertAccessibleAsync("linked-success");
        await browser.ScreenshotAsync("linked-success");

        // The linked accounts: status, last sync and counts once the first sync ran.
        await page.ClickAsync("#view-links");
        var card = page.Locator($".link-card[data-account='{UiScenario.LeeMailbox}']");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Active", new() { Timeout = 60_000 });
        await Expect(card.Locator(".emails-synced")).ToHaveTextAsync("1 email", new() { Timeout = 60_000 });
        await Expect(card.Locator(".last-sync time")).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync("linked-accounts");
        await browser.ScreenshotAsync("linked-accounts");

        // Sync now: accepted, and the list follows the run.
        var before = await card.Locator(".last-sync time").GetAttributeAsync("datetime");
        await card.Locator("button.sync-now").ClickAsync();
        await Expect(page.Locator("#links-notice")).ToContainTextAsync("Sync of lee@hauler.onmicrosoft.com requested");
        await Expect(card.Locator(".last-sync time")).Not.ToHaveAttributeAsync("datetime", before!, new() { Timeout = 30_000 });
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Active");
        await browser.AssertAccessibleAsync("synced-again");
        await browser.ScreenshotAsync("synced-again");

        // Unlink: confirmed in a dialog, then listed under "Previously linked".
        await card.Locator("button.unlink").ClickAsync();
        await Expect(page.Locator("#confirm")).ToBeVisibleAsync();
        await Expect(page.Locator("#confirm-title")).ToHaveTextAsync($"Unlink {UiScenario.LeeMailbox}?");
        await browser.AssertAccessibleAsync("unlink-confirm");
        await browser.ScreenshotAsync("unlink-confirm");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#links-empty")).ToBeVisibleAsync();
        await Expect(page.Locator(".past-links summary")).ToHaveTextAsync("Previously linked (1)");
        await browser.AssertAccessibleAsync("unlinked");
        await browser.ScreenshotAsync("unlinked");

        using var api = world.ClientFor(UiScenario.Lee);
        var links = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement>(api, "/api/me/links");
        Assert.Equal("Unlinked", Assert.Single(links.EnumerateArray()).GetProperty("status").GetString());
        browser.AssertNothingLeftTheMachine();
    }

    [BrowserFact]
    public async Task A_link_that_needs_reauthorization_tells_the_user_to_link_again_and_linking_again_makes_it_active()
    {
        var linkId = await world.LinkAsync(UiScenario.Sam, "google", UiScenario.SamMailbox);
        await world.WaitForLinkAsync(UiScenario.Sam, linkId, l => l.GetProperty("lastSyncAt").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(60));
        await world.Sandbox.Control.RevokeTokensAsync(UiScenario.SamMailbox); // the user revoked access at Google
        using (var api = world.ClientFor(UiScenario.Sam))
        {
            (await api.PostAsync($"/api/me/links/{linkId}/sync", null)).EnsureSuccessStatusCode();
        }

        await world.WaitForLinkAsync(UiScenario.Sam, linkId, l => l.GetProperty("status").GetString() == "ReauthRequired", TimeSpan.FromSeconds(60));

        await using var browser = await BrowserSession.OpenAsync(world, "reauth");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Sam);
        var banner = page.Locator($"#calendar-banner [data-link-id='{linkId}']");
        await Expect(banner).ToContainTextAsync("Link it again");
        await browser.ScreenshotAsync("calendar-reauth-banner");

        await page.ClickAsync("#user-menu-button");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Linked accounts" }).ClickAsync();
        var card = page.Locator($".link-card[data-link-id='{linkId}']");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Reauthorization required");
        await Expect(card.Locator("[role=alert]")).ToContainTextAsync("has expired or was revoked");
        await Expect(card.Locator("button.sync-now")).ToHaveCountAsync(0);
        await browser.AssertAccessibleAsync("links-reauth-required");
        await browser.ScreenshotAsync("links-reauth-required");

        await card.GetByRole(AriaRole.Link, new() { Name = "Link again" }).ClickAsync();
        await Expect(page.Locator("#detected-provider")).ToHaveTextAsync("Google Workspace / Gmail");
        await Expect(page.Locator("#link-email")).ToHaveValueAsync(UiScenario.SamMailbox);
        var callbackPages = SignInWindowCallbacks(browser);
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#provider-continue"));
        await Expect(page.Locator("#link-success-message")).ToContainTextAsync($"{UiScenario.SamMailbox} is linked", new() { Timeout = 30_000 });
        await BrowserSession.WaitUntilClosedAsync(popup);
        Assert.StartsWith("application/json", Assert.Single(callbackPages), StringComparison.Ordinal); // the link request's cookie came back
        await world.WaitForLinkAsync(UiScenario.Sam, linkId, l => l.GetProperty("status").GetString() == "Active" && l.GetProperty("lastSyncError").ValueKind == JsonValueKind.Null, TimeSpan.FromSeconds(60));
        await page.ClickAsync("#view-links");
        await Expect(page.Locator($".link-card[data-account='{UiScenario.SamMailbox}'] .badge")).ToHaveTextAsync("Active");
        await browser.AssertAccessibleAsync("relinked");
        await browser.ScreenshotAsync("relinked");
        browser.AssertNothingLeftTheMachine();
    }

    /// <summary>The content type of each OAuth callback the sign-in window loaded (a navigation, not the page's relay call).</summary>
    private static System.Collections.Concurrent.ConcurrentQueue<string> SignInWindowCallbacks(BrowserSession browser)
    {
        var loaded = new System.Collections.Concurrent.ConcurrentQueue<string>();
        browser.Context.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Url.Contains("/api/links/callback/", StringComparison.Ordinal))
            {
                loaded.Enqueue(response.Headers.TryGetValue("content-type", out var type) ? type : string.Empty);
            }
        };
        return loaded;
    }
}
