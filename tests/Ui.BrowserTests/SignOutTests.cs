using System.Net.Http.Json;
using Microsoft.Playwright;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// Signing out, then in as someone else in the same tab: nothing of the first user stays in the page (names cached,
/// recent accounts remembered), and the second user's picker searches only his own tenant.
/// </summary>
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

        // Dana (tenant 1) finds Riverside in the account picker and opens it, then Greenfield's calendar: the page
        // caches both names and remembers both among her recent accounts.
        await browser.SignInAsync(UiScenario.Dana);
        await page.EvaluateAsync("() => { window.sameDocumentMarker = true; }");
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts");
        await Expect(page.Locator("#known-accounts-list a[data-account-id='ACC-2']")).ToHaveTextAsync("Riverside Storage (ACC-2)");
        await page.Locator("#account-search").FillAsync("riverside");
        await Expect(page.Locator("#account-search-options [role=option]").First).ToContainTextAsync("Riverside Storage");
        await browser.AssertAccessibleAsync("the first user's account picker");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Riverside Storage (ACC-2)");
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts/ACC-1/calendar");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Greenfield Apartments (ACC-1)");
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts");
        await Expect(page.Locator("#recent-accounts-list a")).ToHaveTextAsync(["Greenfield Apartments (ACC-1)", "Riverside Storage (ACC-2)"]);
        Assert.Contains("Riverside", await StorageAsync(page), StringComparison.Ordinal); // what sign-out must forget
        await browser.ScreenshotAsync("first-user-recent-accounts");

        // Sign out: the token is gone and nothing of Dana is stored.
        await page.ClickAsync("#user-menu-button");
        await page.ClickAsync("#sign-out");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        AssertNothingOfDana(await StorageAsync(page));
        Assert.DoesNotContain("navusoft.session", await StorageAsync(page), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync("the sign-in page after signing out");

        // Bo of another tenant signs in in the same page (no reload: the modules and their memory are the same).
        await browser.SignInAsync(Bo);
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocumentMarker === true"), "The page was reloaded: the test would prove nothing about the in-memory cache.");
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts/ACC-1/calendar");
        await Expect(page.Locator("#month-grid")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync($"{OtherAccountName} (ACC-1)", new() { Timeout = 5_000 });
        await browser.ScreenshotAsync("second-user-account-calendar");
        AssertNothingOfDana(await page.EvaluateAsync<string>("() => document.body.innerText"));
        AssertNothingOfDana(await StorageAsync(page));

        // Bo's picker: his recent account only; his search sees his tenant's accounts only.
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts");
        await Expect(page.Locator("#recent-accounts-list a")).ToHaveTextAsync([$"{OtherAccountName} (ACC-1)"]);
        await page.Locator("#account-search").FillAsync("green");
        await Expect(page.Locator("#account-search-status")).ToHaveTextAsync("No account matches “green”.");
        await browser.AssertAccessibleAsync("the second user's account picker");
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
