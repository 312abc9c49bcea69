using System.Net.Http.Json;
using Microsoft.Playwright;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>Signing out, then in as someone else in the same tab: nothing of the first user stays in the page.</summary>
[Collection(UiCollection.Name)]
public sealed class SignOutTests(UiWorld world)
{
    private const string OtherTenant = "ui-other-hauler";
    private const string OtherAccountName = "Northwind Holdings";

    private static readonly TokenRequest Bo = new("bo", OtherTenant, "bo@other-hauler.example", "Bo Other", "user", UiScenario.TimeZone);

    [BrowserFact]
    public async Task After_sign_out_a_user_of_another_tenant_signing_in_on_the_same_page_sees_none_of_the_first_users_account_names()
    {
        // The other tenant has an account with the same id as the first user's Greenfield Apartments.
        using (var admin = world.ClientFor(Tokens.Admin(OtherTenant)))
        {
            var put = await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = OtherAccountName, contacts = Array.Empty<object>() });
            Assert.True(put.IsSuccessStatusCode, $"PUT /api/accounts/ACC-1 in {OtherTenant}: {put.StatusCode}");
        }

        await using var browser = await BrowserSession.OpenAsync(world, "sign-out");
        var page = browser.Page;

        // Dana (tenant 1) opens the account picker and Greenfield's calendar: the page caches both names.
        await browser.SignInAsync(UiScenario.Dana);
        await page.EvaluateAsync("() => { window.sameDocumentMarker = true; }");
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts");
        await Expect(page.Locator("#known-accounts-list a[data-account-id='ACC-2']")).ToHaveTextAsync("Riverside Storage (ACC-2)");
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts/ACC-1/calendar");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Greenfield Apartments (ACC-1)");
        await browser.ScreenshotAsync("first-user-account-calendar");

        // Sign out: the token is gone and nothing of Dana is stored.
        await page.ClickAsync("#user-menu-button");
        await page.ClickAsync("#sign-out");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        AssertNothingOfDana(await StorageAsync(page));
        Assert.DoesNotContain("navusoft.session", await StorageAsync(page), StringComparison.Ordinal);

        // Bo of another tenant signs in in the same page (no reload: the modules and their memory are the same).
        await browser.SignInAsync(Bo);
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocumentMarker === true"), "The page was reloaded: the test would prove nothing about the in-memory cache.");
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts/ACC-1/calendar");
        await Expect(page.Locator("#month-grid")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync($"{OtherAccountName} (ACC-1)", new() { Timeout = 5_000 });
        await browser.ScreenshotAsync("second-user-account-calendar");
        AssertNothingOfDana(await page.EvaluateAsync<string>("() => document.body.innerText"));
        AssertNothingOfDana(await StorageAsync(page));

        // The page's own name cache (api.js) answers with Bo's tenant: its ACC-1, and no ACC-2 at all.
        var names = await page.EvaluateAsync<string?[]>(
            "async () => { const api = await import(location.origin + '/app/js/api.js'); return Promise.all(['ACC-1', 'ACC-2'].map(api.accountName)); }");
        Assert.Equal(new string?[] { OtherAccountName, null }, names);
        browser.AssertNothingLeftTheMachine();
    }

    private static Task<string> StorageAsync(IPage page) =>
        page.EvaluateAsync<string>("() => JSON.stringify({ session: Object.entries(sessionStorage), local: Object.entries(localStorage) })");

    private static void AssertNothingOfDana(string text)
    {
        Assert.DoesNotContain("Greenfield", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Riverside", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(UiScenario.Tenant, text, StringComparison.Ordinal);
        Assert.DoesNotContain(UiScenario.DanaMailbox, text, StringComparison.OrdinalIgnoreCase);
    }
}
