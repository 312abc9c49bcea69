using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// The details overlay: which contacts put an item on which account's calendar, times that name their zone, and the
/// keyboard path of the dialog (focus inside while open, back to the calendar's button after), at laptop and phone width.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class DetailsOverlayTests(UiWorld world)
{
    private const string GreenfieldBecausePat = "On Greenfield Apartments' calendar because Pat Greenfield (pat@greenfield.example) took part.";
    private const string RiversideBecauseOps = "On Riverside Storage's calendar because Riverside Ops (ops@riverside.example) took part.";

    private UiScenario Scenario => world.Scenario;

    [BrowserFact]
    public async Task By_keyboard_the_events_of_a_date_open_to_a_thread_naming_the_contacts_that_put_it_on_each_accounts_calendar_and_focus_returns_where_it_was()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "details-keyboard");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Dana);
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(Scenario.BusyDay)}");
        await Expect(page.Locator("#month-grid")).ToHaveAttributeAsync("aria-busy", "false");

        // Enter on "Events": the dialog opens on its close button and is named by its heading.
        var busy = page.Locator($"td[data-date='{UiScenario.Iso(Scenario.BusyDay)}'] button.events");
        await busy.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var rows = page.Locator("#day-events button.event-row");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator("#overlay-close")).ToBeFocusedAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Dialog, new() { Name = "Events on" })).ToBeVisibleAsync();
        await Expect(rows.Nth(0).Locator(".time")).ToHaveTextAsync(ChicagoTime("9:15 AM"));
        await browser.AssertAccessibleAsync("the events of a date");
        await browser.ScreenshotAsync("events-of-a-date");

        // Tab stays inside: from the last stop (the zone switch) it wraps to the close button, and Shift+Tab wraps back.
        await page.FocusAsync("#overlay-zone-select");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#overlay-close")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.Locator("#overlay-zone-select")).ToBeFocusedAsync();

        // The gate email copies Pat: one sentence per account, each naming the contact and linking the account's calendar.
        await rows.Filter(new() { HasText = UiScenario.GateSubject }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.GateSubject);
        await Expect(page.Locator("#overlay-back")).ToBeFocusedAsync();
        var reasons = page.Locator("#calendar-reasons li");
        await Expect(reasons).ToHaveCountAsync(2);
        await Expect(page.Locator("#calendar-reasons li[data-account-id='ACC-1']")).ToHaveTextAsync(GreenfieldBecausePat);
        await Expect(page.Locator("#calendar-reasons li[data-account-id='ACC-2']")).ToHaveTextAsync(RiversideBecauseOps);
        await Expect(page.Locator("#calendar-reasons li[data-account-id='ACC-2'] a")).ToHaveAttributeAsync("href", new Regex("^#/accounts/ACC-2/calendar"));
        await Expect(page.Locator("#email-thread .message").First).ToContainTextAsync(ChicagoTime("11:30 AM"));
        await browser.AssertAccessibleAsync("an email thread with its matched contacts");
        await browser.ScreenshotAsync("gate-email-two-accounts");

        // Back to the list: the focus is on the row of the thread it came from; Escape then returns it to "Events".
        await page.Keyboard.PressAsync("Enter");
        var gateRow = rows.Filter(new() { HasText = UiScenario.GateSubject });
        await Expect(gateRow).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();
        await Expect(busy).ToBeFocusedAsync();

        // A single appointment: its close button gives the focus back to its own button in the month.
        var appointmentMonth = UiScenario.Month(Scenario.AppointmentDay);
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={appointmentMonth}");
        var review = page.Locator($"td[data-date='{UiScenario.Iso(Scenario.AppointmentDay)}'] button.item-appointment");
        await review.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.ReviewTitle);
        await Expect(page.Locator("#overlay-close")).ToBeFocusedAsync();
        await Expect(page.Locator("#appointment-when")).ToContainTextAsync("10:00 AM – 11:00 AM (America/Chicago)");
        await Expect(page.Locator("#calendar-reasons li")).ToHaveTextAsync(RiversideBecauseOps);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();
        await Expect(review).ToBeFocusedAsync();

        // The account named in a sentence opens that account's calendar.
        await review.PressAsync("Enter");
        await page.Locator("#calendar-reasons a[href^='#/accounts/ACC-2/calendar']").ClickAsync();
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Account Calendar");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Riverside Storage (ACC-2)");
        browser.AssertNothingLeftTheMachine();
    }

    [BrowserFact]
    public async Task At_phone_width_the_overlay_fills_the_screen_without_sideways_scrolling_and_names_the_contacts()
    {
        var swapId = await SwapThreadIdAsync();
        await using var phone = await BrowserSession.OpenAsync(world, "details-phone", phone: true);
        var page = phone.Page;
        await phone.SignInAsync(UiScenario.Dana);
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(Scenario.BusyDay)}&day={UiScenario.Iso(Scenario.BusyDay)}");
        await Expect(page.Locator("#day-events button.event-row")).ToHaveCountAsync(3);
        await phone.AssertNoSidewaysScrollingAsync();
        await phone.AssertAccessibleAsync("the events of a date at phone width");
        await phone.ScreenshotAsync("events");

        await page.Locator($"#day-events button.event-row[data-id='{swapId}']").TapAsync();
        await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.SwapSubject);
        await Expect(page.Locator("#calendar-reasons li")).ToHaveTextAsync(GreenfieldBecausePat);
        await Expect(page.Locator("#overlay-zone-select")).ToBeVisibleAsync();
        await phone.AssertNoSidewaysScrollingAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => { const r = document.getElementById('overlay').getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth; }"),
            "The overlay is wider than the phone's screen.");
        await phone.AssertAccessibleAsync("an email thread at phone width");
        await phone.ScreenshotAsync("email-thread");
        await page.TapAsync("#overlay-close");
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();
        phone.AssertNothingLeftTheMachine();
    }

    /// <summary>A Chicago wall time followed by the zone's short name (CST in winter, CDT in summer).</summary>
    private static Regex ChicagoTime(string time) => new($"{Regex.Escape(time)} C[SD]T");

    private async Task<string> SwapThreadIdAsync()
    {
        using var api = world.ClientFor(UiScenario.Dana);
        var day = await api.GetFromJsonAsync<JsonElement>($"/api/me/calendar/days/{UiScenario.Iso(Scenario.BusyDay)}?tz={UiScenario.TimeZone}");
        return day.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == UiScenario.SwapSubject).GetProperty("id").GetString()!;
    }
}
