using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// The shell by keyboard and for screen readers (WCAG 2.2 AA): sign-in with its field errors, the skip link, the user
/// menu, the confirm dialog, visible focus and contrast measured in the page, the phone width, and axe on every state.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class KeyboardAccessibilityTests(UiWorld world)
{
    [BrowserFact]
    public async Task A_keyboard_user_corrects_a_sign_in_error_skips_to_the_content_and_walks_the_user_menu()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "keyboard-shell");
        var page = browser.Page;
        await page.GotoAsync($"{world.BaseUrl}/app/#/signin?{SignInParams(UiScenario.Alex, tenant: "")}");
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        await Expect(page).ToHaveTitleAsync("Sign in · Navusoft");
        await browser.AssertAccessibleAsync("the sign-in screen");

        // The empty tenant, submitted with Enter: the summary is an alert, the field says why and takes focus.
        var tenant = page.Locator("#signin-tenant");
        await browser.TabUntilFocusedAsync(tenant);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#signin-errors[role=alert]")).ToContainTextAsync("Enter the tenant");
        await Expect(tenant).ToBeFocusedAsync();
        await Expect(tenant).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(tenant).ToHaveAccessibleDescriptionAsync(new Regex("Enter the tenant"));
        await ColourContrast.AssertFocusRingVisibleAsync(page, "the invalid tenant field");
        await browser.AssertAccessibleAsync("the sign-in field error");
        await browser.ScreenshotAsync("sign-in-field-error");

        await page.Keyboard.TypeAsync(UiScenario.Tenant);
        await page.Keyboard.PressAsync("Enter");
        var heading = page.Locator("h1");
        await Expect(heading).ToHaveTextAsync("User Calendar/Appointments");
        await Expect(heading).ToBeFocusedAsync();
        await Expect(page).ToHaveTitleAsync("User Calendar/Appointments · Navusoft");

        // The skip link: shown over the topbar on focus with a ring that stands out, it moves focus into <main>, not the route.
        var skip = page.Locator("#skip-link");
        await browser.TabUntilFocusedAsync(skip, backwards: true);
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Y: >= 0 }, "The focused skip link is off the screen.");
        await ColourContrast.AssertFocusRingVisibleAsync(page, "the skip link");
        await browser.ScreenshotAsync("skip-link");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        Assert.EndsWith("#/calendar", page.Url, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"), "Tab after the skip link left <main>.");

        await WalkTheUserMenuAsync(browser);
        browser.AssertNothingLeftTheMachine();
    }

    /// <summary>The menu button: arrows move and wrap, Home/End, Escape closes and gives focus back, Enter opens the item.</summary>
    private static async Task WalkTheUserMenuAsync(BrowserSession browser)
    {
        var page = browser.Page;
        var button = page.Locator("#user-menu-button");
        await browser.TabUntilFocusedAsync(button, backwards: true);
        await ColourContrast.AssertFocusRingVisibleAsync(page, "the user menu button in the topbar");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(MenuItem(page, "Link External Calendar/Email")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(MenuItem(page, "Sign out")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(MenuItem(page, "Organization privacy policy")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(MenuItem(page, "Admin console")).ToBeFocusedAsync();
        await ColourContrast.AssertFocusRingVisibleAsync(page, "a user menu item");
        await browser.AssertAccessibleAsync("the user menu open");
        await browser.ScreenshotAsync("user-menu");
        await page.Keyboard.PressAsync("Home");
        await Expect(MenuItem(page, "Link External Calendar/Email")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#user-menu-list")).ToBeHiddenAsync();
        await Expect(button).ToBeFocusedAsync();
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");

        // Another screen from the menu: its heading takes focus and names the document.
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(MenuItem(page, "Sign out")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(MenuItem(page, "Privacy settings")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Privacy settings");
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        await Expect(page).ToHaveTitleAsync("Privacy settings · Navusoft");
    }

    [BrowserFact]
    public async Task The_confirm_dialog_keeps_focus_inside_cancels_on_Escape_and_gives_focus_back_and_the_month_reads_clearly()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "keyboard-dialog");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Alex);

        await AssertTheMonthReadsClearlyAsync(browser);

        await browser.OpenFromUserMenuAsync("Organization privacy policy");
        await Expect(page.Locator("#policy-form")).ToBeVisibleAsync();
        await page.Locator("#blocklist-input").FocusAsync();
        await page.Keyboard.TypeAsync("@a11y-probe.example");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#blocklist-entries .entry")).ToHaveCountAsync(1);
        var save = page.Locator("#policy-save");
        await browser.TabUntilFocusedAsync(save);
        await page.Keyboard.PressAsync("Enter");

        // Focus starts on Cancel, Tab and Shift+Tab wrap inside the dialog, Escape cancels and focus is back on Save.
        var cancel = page.Locator("#confirm-cancel");
        var ok = page.Locator("#confirm-ok");
        await Expect(page.Locator("#confirm")).ToBeVisibleAsync();
        await Expect(cancel).ToBeFocusedAsync();
        await browser.AssertAccessibleAsync("the confirm dialog");
        await browser.ScreenshotAsync("confirm");
        await page.Keyboard.PressAsync("Tab");
        await Expect(ok).ToBeFocusedAsync();
        await ColourContrast.AssertFocusRingVisibleAsync(page, "the dialog's OK button");
        await page.Keyboard.PressAsync("Tab");
        await Expect(cancel).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(ok).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#confirm")).ToBeHiddenAsync();
        await Expect(save).ToBeFocusedAsync();
        await Expect(page.Locator("#privacy-saved")).ToHaveCountAsync(0);

        using var api = world.ClientFor(UiScenario.Alex);
        var policy = await api.GetFromJsonAsync<JsonElement>("/api/admin/privacy");
        Assert.DoesNotContain(policy.GetProperty("blocklist").EnumerateArray(), e => e.GetString() == "@a11y-probe.example");
        browser.AssertNothingLeftTheMachine();
    }

    /// <summary>A month that starts mid-week: its out-of-month day numbers read at 4.5:1 or more, every control's ring at 3:1.</summary>
    private async Task AssertTheMonthReadsClearlyAsync(BrowserSession browser)
    {
        var page = browser.Page;
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month=2026-12");
        var outside = page.Locator("td.outside .day-number").First;
        await Expect(outside).ToBeVisibleAsync();
        await Expect(page.Locator("[aria-busy='true'] td.outside")).ToHaveCountAsync(0); // loaded: no dimming while busy
        var dayContrast = await ColourContrast.OfTextAsync(outside);
        Assert.True(dayContrast.Ratio >= 4.5, $"An out-of-month day number has {dayContrast}, below 4.5:1.");
        await page.Locator("h1").FocusAsync();
        for (var control = 0; control < 4; control++)
        {
            await page.Keyboard.PressAsync("Tab");
            await ColourContrast.AssertFocusRingVisibleAsync(page, $"control {control + 1} of the calendar");
        }

        await browser.ScreenshotAsync("month-focus");
    }

    [BrowserFact]
    public async Task At_phone_width_sign_in_errors_a_failed_load_with_its_retry_and_the_link_callback_page_pass_axe()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "phone-a11y", phone: true);
        var page = browser.Page;
        await page.GotoAsync($"{world.BaseUrl}/app/#/signin?{SignInParams(UiScenario.Kim, tenant: "")}");
        await Expect(page.Locator("#signin-form")).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync("the sign-in screen at phone width");
        await page.Locator("#signin-submit").ClickAsync();
        await Expect(page.Locator("#signin-errors")).ToContainTextAsync("Enter the tenant");
        await browser.AssertNoSidewaysScrollingAsync();
        await browser.AssertAccessibleAsync("the sign-in field error at phone width");
        await browser.ScreenshotAsync("sign-in-error");
        await page.Locator("#signin-tenant").FillAsync(UiScenario.Tenant);
        await page.Locator("#signin-submit").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("User Calendar/Appointments");

        // The server cannot be reached (the browser is offline): an alert with a retry that Tab reaches and Enter runs.
        await browser.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => { location.hash = '#/settings/privacy'; }");
        await Expect(page.Locator("#privacy-body [role=alert]")).ToContainTextAsync("cannot be reached");
        await browser.AssertAccessibleAsync("a failed load with its retry at phone width");
        await browser.AssertNoSidewaysScrollingAsync();
        await browser.ScreenshotAsync("load-error");
        var retry = page.GetByRole(AriaRole.Button, new() { Name = "Try again" });
        await browser.TabUntilFocusedAsync(retry);
        await ColourContrast.AssertFocusRingVisibleAsync(page, "the retry button in the alert");
        await browser.Context.SetOfflineAsync(false);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#privacy-form")).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToBeFocusedAsync(); // the retry button went away with the error: focus is not lost
        await browser.AssertAccessibleAsync("privacy settings at phone width");

        await AssertTheLinkCallbackPageAsync(browser);
        browser.AssertNothingLeftTheMachine();
    }

    /// <summary>The OAuth callback's page for a browser that proves nothing (no token, no link cookie): it consumes nothing.</summary>
    private async Task AssertTheLinkCallbackPageAsync(BrowserSession browser)
    {
        var page = browser.Page;
        using var api = world.ClientFor(UiScenario.Kim);
        var started = await (await api.PostAsJsonAsync("/api/me/links", new { provider = "microsoft" })).Content.ReadFromJsonAsync<JsonElement>();
        var authorization = new Uri(started.GetProperty("authorizationUrl").GetString()!);
        var state = System.Web.HttpUtility.ParseQueryString(authorization.Query)["state"];
        await page.GotoAsync($"{world.BaseUrl}/api/links/callback/microsoft?code=a11y-probe&state={Uri.EscapeDataString(state!)}");
        await Expect(page.Locator("h1")).ToContainTextAsync("Finishing your");
        await browser.AssertAccessibleAsync("the link callback page at phone width");
        await browser.AssertNoSidewaysScrollingAsync();
        await browser.ScreenshotAsync("link-callback");
    }

    private static ILocator MenuItem(IPage page, string name) => page.GetByRole(AriaRole.Menuitem, new() { Name = name, Exact = true });

    private static string SignInParams(NavusoftSync.BuildingBlocks.Auth.TokenRequest user, string tenant) =>
        $"tenant={Uri.EscapeDataString(tenant)}&user={Uri.EscapeDataString(user.Sub)}&name={Uri.EscapeDataString(user.Name ?? "")}"
        + $"&email={Uri.EscapeDataString(user.Email ?? "")}&tz={Uri.EscapeDataString(user.Tz ?? "UTC")}&role={user.Role}";
}
