using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>"Privacy settings" (every user) and "Organization privacy policy" (admins only), saved through the page.</summary>
[Collection(UiCollection.Name)]
public sealed class PrivacyPagesTests(UiWorld world)
{
    [BrowserFact]
    public async Task A_user_blocks_a_domain_sees_the_servers_message_by_a_bad_entry_and_saves_a_stricter_visibility()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "privacy-settings");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Kim);
        await browser.OpenFromUserMenuAsync("Privacy settings");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Privacy settings");
        await Expect(page.Locator("#privacy-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#accountVisibility-full")).ToBeCheckedAsync();
        await Expect(page.Locator("#accountVisibility-metadata-text")).ToContainTextAsync("no subject and no text");
        await browser.AssertAccessibleAsync("privacy settings");
        await browser.ScreenshotAsync("settings");

        // Entries are added with Enter or "Add" (normalized), and one the server refuses is named by the field and the entry.
        await page.FillAsync("#blocklist-input", "@Newsletter.Example");
        await page.Keyboard.PressAsync("Enter");
        await page.FillAsync("#blocklist-input", "not an address");
        await page.ClickAsync("#blocklist-add");
        await Expect(page.Locator("#blocklist-entries .entry")).ToHaveCountAsync(2);
        await page.ClickAsync("#privacy-save");
        await Expect(page.Locator("#blocklist-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#blocklist-input")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#blocklist-entries .entry.invalid")).ToHaveAttributeAsync("data-entry", "not an address");
        await Expect(page.Locator("#save-error")).ToContainTextAsync("Not saved");
        await Expect(page.Locator("#blocklist-input")).ToBeFocusedAsync(); // the first invalid field
        var message = (await page.Locator("#blocklist-error").InnerTextAsync()).Trim();
        await Expect(page.Locator("#blocklist-input")).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(message))); // the error is tied to the field
        await browser.AssertAccessibleAsync("privacy settings with a field error");
        await browser.ScreenshotAsync("field-error");

        // Remove the bad entry (by keyboard), choose "Subject only", save.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove not an address" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#blocklist-entries .entry")).ToHaveCountAsync(1);
        await page.CheckAsync("#accountVisibility-subject");
        await page.ClickAsync("#privacy-save");
        await Expect(page.Locator("#privacy-saved")).ToContainTextAsync("saved");
        await Expect(page.Locator("#blocklist-error")).ToBeHiddenAsync();
        await browser.AssertAccessibleAsync("privacy settings saved");
        await browser.ScreenshotAsync("saved");

        using var api = world.ClientFor(UiScenario.Kim);
        var settings = await api.GetFromJsonAsync<JsonElement>("/api/me/privacy");
        Assert.Equal(new[] { "@newsletter.example" }, Strings(settings, "blocklist"));
        Assert.Equal("subject", settings.GetProperty("accountVisibility").GetString());

        // A fresh load shows what is stored.
        await page.ReloadAsync();
        await Expect(page.Locator("#blocklist-entries .entry")).ToHaveAttributeAsync("data-entry", "@newsletter.example");
        await Expect(page.Locator("#accountVisibility-subject")).ToBeCheckedAsync();

        // Below 640 px the form fits the screen.
        await using var phone = await BrowserSession.OpenAsync(world, "privacy-settings-phone", phone: true);
        await phone.SignInAsync(UiScenario.Kim);
        await phone.Page.GotoAsync($"{world.BaseUrl}/app/#/settings/privacy");
        await Expect(phone.Page.Locator("#privacy-form")).ToBeVisibleAsync();
        await phone.AssertNoSidewaysScrollingAsync();
        await phone.AssertAccessibleAsync("privacy settings at phone width");
        await phone.ScreenshotAsync("settings");
        browser.AssertNothingLeftTheMachine();
    }

    [BrowserFact]
    public async Task An_admin_saves_the_organization_policy_with_a_reason_after_the_erasure_warning_and_sees_field_errors()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "privacy-policy");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Alex);
        try
        {
            await browser.OpenFromUserMenuAsync("Organization privacy policy");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Organization privacy policy");
            await Expect(page.Locator("#policy-warning")).ToContainTextAsync("content is erased");
            await Expect(page.Locator("#policy-form")).ToBeVisibleAsync();
            await browser.AssertAccessibleAsync("the organization policy");
            await browser.ScreenshotAsync("policy");

            // A domain the server refuses: its message by the field, nothing saved.
            await page.FillAsync("#internalDomains-input", "localhost");
            await page.ClickAsync("#internalDomains-add");
            await page.ClickAsync("#policy-save");
            await Expect(page.Locator("#internalDomains-error")).ToBeVisibleAsync();
            await Expect(page.Locator("#internalDomains-entries .entry.invalid")).ToHaveAttributeAsync("data-entry", "localhost");
            await Expect(page.Locator("#internalDomains-input")).ToHaveAttributeAsync("aria-invalid", "true");
            await browser.AssertAccessibleAsync("the organization policy with a field error");
            await browser.ScreenshotAsync("field-error");
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove localhost" }).ClickAsync();

            // A stricter policy: asked to confirm the erasure first; saved with the reason.
            await page.FillAsync("#blocklist-input", "@spam-vendor.example");
            await page.ClickAsync("#blocklist-add");
            await page.FillAsync("#internalDomains-input", "@hauler.onmicrosoft.com");
            await page.ClickAsync("#internalDomains-add");
            await page.CheckAsync("#policy-excludeBulk");
            await page.CheckAsync("#accountVisibility-subject");
            await page.FillAsync("#policy-reason", "Quarterly privacy review");
            await page.ClickAsync("#policy-save");
            await Expect(page.Locator("#confirm")).ToBeVisibleAsync();
            await Expect(page.Locator("#confirm-text")).ToContainTextAsync("erased");
            await browser.AssertAccessibleAsync("the erasure confirmation");
            await browser.ScreenshotAsync("confirm-erasure");
            await page.ClickAsync("#confirm-ok");
            await Expect(page.Locator("#privacy-saved")).ToContainTextAsync("The policy is saved");
            await Expect(page.Locator("#internalDomains-entries .entry")).ToHaveAttributeAsync("data-entry", "hauler.onmicrosoft.com");
            await browser.AssertAccessibleAsync("the organization policy saved");
            await browser.ScreenshotAsync("saved");

            using var api = world.ClientFor(UiScenario.Alex);
            var policy = await api.GetFromJsonAsync<JsonElement>("/api/admin/privacy");
            Assert.Equal(new[] { "@spam-vendor.example" }, Strings(policy, "blocklist"));
            Assert.Equal(new[] { "hauler.onmicrosoft.com" }, Strings(policy, "internalDomains"));
            Assert.True(policy.GetProperty("excludeBulk").GetBoolean());
            Assert.False(policy.GetProperty("excludeInternal").GetBoolean());
            Assert.Equal("subject", policy.GetProperty("accountVisibility").GetString());

            // A user's settings now start at the tenant's level: the looser "Everything" is shown but cannot be chosen.
            await using var kim = await BrowserSession.OpenAsync(world, "privacy-policy-user-view");
            await kim.SignInAsync(UiScenario.Kim);
            await kim.Page.GotoAsync($"{world.BaseUrl}/app/#/settings/privacy");
            await Expect(kim.Page.Locator("#accountVisibility-note")).ToContainTextAsync("\"Subject only\"");
            await Expect(kim.Page.Locator("#accountVisibility-full")).ToBeDisabledAsync();
            await Expect(kim.Page.Locator("#accountVisibility-metadata")).ToBeEnabledAsync();
            await kim.AssertAccessibleAsync("privacy settings under the organization's level");
            await kim.ScreenshotAsync("tenant-level-applies");
            browser.AssertNothingLeftTheMachine();
        }
        finally
        {
            await RestoreDefaultPolicyAsync();
        }
    }

    [BrowserFact]
    public async Task A_user_neither_sees_the_organization_policy_in_the_menu_nor_can_open_it()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "privacy-policy-non-admin");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Kim);

        // The menu by keyboard skips the admins' item: End is "Sign out", one up is "Privacy settings".
        await page.FocusAsync("#user-menu-button");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Organization privacy policy" })).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("End");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Privacy settings" })).ToBeFocusedAsync();
        await browser.AssertAccessibleAsync("the user menu of a user");
        await browser.ScreenshotAsync("user-menu");
        await page.Keyboard.PressAsync("Escape");

        // Its address shows no form and asks the server nothing; the server refuses a user anyway.
        await page.GotoAsync($"{world.BaseUrl}/app/#/admin/privacy");
        await Expect(page.Locator("#admin-only")).ToContainTextAsync("Only administrators");
        await Expect(page.Locator("#policy-form")).ToHaveCountAsync(0);
        Assert.DoesNotContain(browser.Requests, url => url.Contains("/api/admin/privacy", StringComparison.Ordinal));
        await browser.AssertAccessibleAsync("the organization policy refused to a user");
        await browser.ScreenshotAsync("admin-only");
        using var api = world.ClientFor(UiScenario.Kim);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/admin/privacy")).StatusCode);
        browser.AssertNothingLeftTheMachine();
    }

    private static string?[] Strings(JsonElement document, string property) =>
        [.. document.GetProperty(property).EnumerateArray().Select(e => e.GetString())];

    /// <summary>Puts the tenant back on the default policy, so the other tests see colleagues' items as before.</summary>
    private async Task RestoreDefaultPolicyAsync()
    {
        using var api = world.ClientFor(UiScenario.Alex);
        var response = await api.PutAsJsonAsync("/api/admin/privacy", new
        {
            blocklist = Array.Empty<string>(),
            internalDomains = Array.Empty<string>(),
            excludeInternal = false,
            excludeBulk = false,
            accountVisibility = "full",
            reason = "The browser test puts the default back",
        });
        Assert.True(response.IsSuccessStatusCode, $"PUT /api/admin/privacy: {response.StatusCode}");
    }
}
