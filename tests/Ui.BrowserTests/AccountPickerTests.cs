using Microsoft.Playwright;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// The Account Calendar's type-ahead picker: found by a name prefix, a typo and a contact email, picked with the
/// keyboard, remembered among the recent accounts, at laptop and phone width, with axe on every state.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class AccountPickerTests(UiWorld world)
{
    [BrowserFact]
    public async Task An_account_is_found_by_prefix_typo_or_contact_email_picked_with_the_keyboard_and_remembered()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "account-picker");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Dana);
        await browser.OpenFromUserMenuAsync("Account Calendar");
        var input = page.Locator("#account-search");
        await Expect(page.Locator("#known-accounts-list a[data-account-id='ACC-1']")).ToHaveTextAsync("Greenfield Apartments (ACC-1)");
        await Expect(page.Locator("#recent-accounts-list")).ToHaveCountAsync(0);
        await Expect(input).ToHaveAttributeAsync("role", "combobox");
        await Expect(input).ToHaveAttributeAsync("aria-expanded", "false");
        await browser.AssertAccessibleAsync("the account picker, nothing typed");
        await browser.ScreenshotAsync("landing");

        // A prefix: the listbox opens with Greenfield; ArrowDown highlights it, Enter opens its calendar.
        await input.FillAsync("greenf");
        var options = page.Locator("#account-search-options [role=option]");
        await Expect(options).ToHaveCountAsync(1);
        await Expect(options.First).ToContainTextAsync("Greenfield Apartments");
        await Expect(options.First).ToContainTextAsync("ACC-1 · 1 contact");
        await Expect(input).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.Locator("#account-search-status")).ToHaveTextAsync("1 account matches.");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(input).ToHaveAttributeAsync("aria-activedescendant", "account-search-options-0");
        await Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await browser.AssertAccessibleAsync("the picker with a prefix's match highlighted");
        await browser.ScreenshotAsync("prefix-highlighted");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Greenfield Apartments (ACC-1)");

        // A typo finds Riverside; Escape closes the list and keeps the text.
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts");
        await Expect(page.Locator("#recent-accounts-list a")).ToHaveTextAsync(["Greenfield Apartments (ACC-1)"]);
        await input.FillAsync("riversdie");
        await Expect(options).ToHaveCountAsync(1);
        await Expect(options.First).ToContainTextAsync("Riverside Storage");
        await Expect(options.First).Not.ToContainTextAsync("matched on contact email");
        await page.Keyboard.PressAsync("Escape");
        await Expect(input).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(input).ToHaveValueAsync("riversdie");

        // A contact's email: the option says what matched.
        await input.FillAsync("OPS@riverside");
        await Expect(options.First).ToContainTextAsync("matched on contact email");
        await Expect(options).ToHaveCountAsync(1);
        await browser.AssertAccessibleAsync("the picker with an email match");
        await browser.ScreenshotAsync("email-match");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Riverside Storage (ACC-2)");

        // Back on the landing page: both recent accounts, most recent first, also the combobox's first options.
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts");
        await Expect(page.Locator("#recent-accounts-list a")).ToHaveTextAsync(["Riverside Storage (ACC-2)", "Greenfield Apartments (ACC-1)"]);
        await input.FocusAsync();
        await Expect(options).ToHaveCountAsync(2);
        await Expect(options.Nth(0)).ToHaveAttributeAsync("data-account-id", "ACC-2");
        await Expect(page.Locator("#account-search-status")).ToHaveTextAsync("2 recent accounts.");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await browser.AssertAccessibleAsync("the picker showing recent accounts");
        await browser.ScreenshotAsync("recent-accounts");

        // Nothing matches: the status says so and no list opens.
        await input.FillAsync("zzqx nothing");
        await Expect(page.Locator("#account-search-status")).ToHaveTextAsync("No account matches “zzqx nothing”.");
        await Expect(input).ToHaveAttributeAsync("aria-expanded", "false");
        await browser.AssertAccessibleAsync("the picker with no match");
        browser.AssertNothingLeftTheMachine();
    }

    [BrowserFact]
    public async Task At_phone_width_the_picker_and_the_account_switch_fit_without_sideways_scrolling()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "account-picker-phone", phone: true);
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Dana);
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts");
        await page.Locator("#account-search").FillAsync("pat@greenfield.example");
        var options = page.Locator("#account-search-options [role=option]");
        await Expect(options).ToHaveCountAsync(1);
        await browser.AssertNoSidewaysScrollingAsync();
        await browser.AssertAccessibleAsync("the picker at phone width");
        await browser.ScreenshotAsync("picker");
        await options.First.ClickAsync();
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Greenfield Apartments (ACC-1)");

        // The switch on the account calendar: recent accounts first, then a search.
        var change = page.Locator("#account-id");
        await change.FocusAsync();
        await Expect(page.Locator("#account-id-options [role=option]")).ToHaveCountAsync(1);
        await change.FillAsync("river");
        await Expect(page.Locator("#account-id-options [role=option]").First).ToContainTextAsync("Riverside Storage");
        await browser.AssertNoSidewaysScrollingAsync();
        await browser.AssertAccessibleAsync("the account switch at phone width");
        await browser.ScreenshotAsync("switch");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Riverside Storage (ACC-2)");
    }
}
