using System.Globalization;
using Microsoft.Playwright;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>The User Calendar/Appointments screen and the Account Calendar over Dana's synced mailbox.</summary>
[Collection(UiCollection.Name)]
public sealed class CalendarTests(UiWorld world)
{
    private UiScenario Scenario => world.Scenario;

    [BrowserFact]
    public async Task The_user_calendar_shows_subjects_and_titles_and_a_busy_date_opens_to_its_events_an_email_thread_and_an_appointment()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "user-calendar");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Dana);
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(Scenario.BusyDay)}");
        await Expect(page.Locator("#month-grid")).ToHaveAttributeAsync("aria-busy", "false");

        // A date with several items shows "Events"; a date with one shows its subject or title.
        var busy = page.Locator($"td[data-date='{UiScenario.Iso(Scenario.BusyDay)}'] button.events");
        await Expect(busy).ToHaveAttributeAsync("data-count", "3");
        await Expect(busy).ToContainTextAsync("Events");
        await browser.ScreenshotAsync("month");
        if (UiScenario.Month(Scenario.EmailDay) == UiScenario.Month(Scenario.BusyDay))
        {
            await Expect(page.Locator($"td[data-date='{UiScenario.Iso(Scenario.EmailDay)}'] button.item-email")).ToContainTextAsync(UiScenario.InvoiceSubject);
        }

        // The date is part of what a screen reader hears on each button of its cell.
        var busyLabel = $"{DateLabel(Scenario.BusyDay)}, 3 items";
        await Expect(page.Locator($"#day-label-{UiScenario.Iso(Scenario.BusyDay)}")).ToHaveTextAsync(busyLabel);
        await Expect(busy).ToHaveAccessibleDescriptionAsync(busyLabel);
        await browser.AssertAccessibleAsync("month");

        // One click on "Events" opens the date's list.
        await busy.ClickAsync();
        var rows = page.Locator("#day-events button.event-row");
        await Expect(rows).ToHaveCountAsync(3);
        await browser.AssertAccessibleAsync("events of a date (one click)");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();

        // A double-click opens it too, once: one request for the date's list.
        var dayRequests = DayRequests(browser);
        // The request event reaches the test after the page may already show the rows: wait for it, not for the rows.
        await page.RunAndWaitForRequestAsync(() => busy.DblClickAsync(), request => request.Url.Contains("/calendar/days/", StringComparison.Ordinal));
        await Expect(rows).ToHaveCountAsync(3);
        Assert.Equal(dayRequests + 1, DayRequests(browser));
        await Expect(page.Locator("#overlay-title")).ToContainTextAsync("Events on");
        await Expect(rows.Nth(0)).ToContainTextAsync(UiScenario.SwapSubject);
        await Expect(rows.Nth(1)).ToContainTextAsync(UiScenario.GateSubject);
        await Expect(rows.Nth(2)).ToContainTextAsync(UiScenario.SiteVisitTitle);
        await Expect(rows.Nth(2)).ToContainTextAsync("2:00 PM");
        await browser.ScreenshotAsync("events-of-a-date");

        // The email thread: participants, messages and their bodies as text.
        await rows.Nth(0).ClickAsync();
        var thread = page.Locator("#email-thread");
        await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.SwapSubject);
        await Expect(thread.Locator("#thread-participants li")).ToHaveCountAsync(2);
        await Expect(thread.Locator("#thread-participants")).ToContainTextAsync($"Pat Greenfield <{UiScenario.Pat}>");
        await Expect(thread.Locator(".message")).ToHaveCountAsync(2);
        await Expect(thread.Locator(".message").Nth(0).Locator("pre.body")).ToContainTextAsync("swap the 20-yard dumpster");
        await Expect(thread.Locator(".message").Nth(1).Locator("pre.body")).ToContainTextAsync("Friday morning works");
        await Expect(thread.Locator(".message").Nth(0)).ToContainTextAsync("9:15 AM");
        await Expect(thread).ToContainTextAsync("Greenfield Apartments (ACC-1)");
        await browser.ScreenshotAsync("email-thread");

        // Back to the list, then the appointment: time in the user's zone, location, organizer, attendees and answers, status.
        await page.ClickAsync("#overlay-back");
        await Expect(rows).ToHaveCountAsync(3);
        await rows.Nth(2).ClickAsync();
        var appointment = page.Locator("#appointment-details");
        await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.SiteVisitTitle);
        await Expect(appointment.Locator("#appointment-when")).ToContainTextAsync("2:00 PM – 3:00 PM (America/Chicago)");
        await Expect(appointment.Locator("#appointment-location")).ToHaveTextAsync("12 Elm St, Building C");
        await Expect(appointment.Locator("#appointment-organizer")).ToContainTextAsync(UiScenario.DanaMailbox);
        await Expect(appointment.Locator("#appointment-status")).ToHaveTextAsync("Scheduled");
        var attendees = appointment.Locator("#appointment-attendees tbody tr");
        await Expect(attendees.Filter(new() { HasText = UiScenario.Pat })).ToContainTextAsync("Accepted");
        await Expect(attendees.Filter(new() { HasText = UiScenario.LeeMailbox })).ToContainTextAsync("Tentative");
        await browser.ScreenshotAsync("appointment");
        await browser.AssertAccessibleAsync("appointment");

        // Escape closes the dialog and leaves the month as it was.
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();
        await Expect(busy).ToBeVisibleAsync();
        browser.AssertNothingLeftTheMachine();
    }

    [BrowserFact]
    public async Task Without_a_mouse_the_keyboard_opens_a_dates_events_and_a_single_title_and_a_phone_width_screen_lists_the_dates()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "keyboard-and-phone");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Dana);

        // The user menu by keyboard: Enter opens it, arrows move, Escape closes it.
        await page.FocusAsync("#user-menu-button");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Link External Calendar/Email" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Linked accounts" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#user-menu-list")).ToBeHiddenAsync();
        await Expect(page.Locator("#user-menu-button")).ToBeFocusedAsync();

        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(Scenario.BusyDay)}");
        var busy = page.Locator($"td[data-date='{UiScenario.Iso(Scenario.BusyDay)}'] button.events");
        await busy.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#day-events button.event-row")).ToHaveCountAsync(3);
        await Expect(page.Locator("#overlay-close")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter"); // the first event: the swap thread
        await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.SwapSubject);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();

        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(Scenario.AppointmentDay)}");
        var single = page.Locator($"td[data-date='{UiScenario.Iso(Scenario.AppointmentDay)}'] button.item-appointment");
        await Expect(single).ToContainTextAsync(UiScenario.ReviewTitle);

        // Keyboard focus shows the full title and time (the cell may cut the visible title).
        await single.FocusAsync();
        await Expect(single.Locator(".tip")).ToBeVisibleAsync();
        await Expect(single.Locator(".tip")).ToContainTextAsync($"Appointment: {UiScenario.ReviewTitle}, at 10:00 AM");
        await Expect(single).ToHaveAccessibleNameAsync($"Appointment: 10:00 AM, {UiScenario.ReviewTitle}");
        await Expect(single).ToHaveAccessibleDescriptionAsync($"{DateLabel(Scenario.AppointmentDay)}, 1 item");
        await browser.ScreenshotAsync("focused-title");
        await browser.AssertAccessibleAsync("focused item");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#appointment-details #appointment-when")).ToContainTextAsync("10:00 AM – 11:00 AM (America/Chicago)");
        await Expect(page.Locator("#appointment-attendees")).ToContainTextAsync("Declined");
        await browser.ScreenshotAsync("keyboard-appointment");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();

        // Previous, Next and Today change the month in place: keyboard focus stays on the control used.
        var month = UiScenario.Month(Scenario.AppointmentDay);
        var label = page.Locator("#month-label");
        foreach (var (control, expected) in new[]
        {
            ("#month-next", NextMonth(month, 1)),
            ("#month-prev", month),
            ("#month-prev", NextMonth(month, -1)),
            ("#month-today", UiScenario.Month(Scenario.Today)),
        })
        {
            await page.FocusAsync(control);
            await page.Keyboard.PressAsync("Enter");
            await Expect(label).ToHaveAttributeAsync("data-month", expected);
            await Expect(page.Locator("#month-grid")).ToHaveAttributeAsync("data-month", expected);
            await Expect(page.Locator(control)).ToBeFocusedAsync();
        }

        await browser.AssertAccessibleAsync("month after keyboard navigation");

        // Phone width: the month becomes a list of the dates holding items, with no sideways scrolling.
        await using var phone = await BrowserSession.OpenAsync(world, "phone", phone: true);
        await phone.SignInAsync(UiScenario.Dana);
        await phone.Page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(Scenario.BusyDay)}");
        var busyCell = phone.Page.Locator($"td[data-date='{UiScenario.Iso(Scenario.BusyDay)}']");
        await Expect(busyCell.Locator(".day-long")).ToBeVisibleAsync();
        await Expect(phone.Page.Locator("td.no-items").First).ToBeHiddenAsync();
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The phone-width page scrolls sideways.");
        await phone.ScreenshotAsync("month");
        await phone.AssertAccessibleAsync("phone month");
        await busyCell.Locator("button.events").TapAsync(); // touch opens at once (no double-tap)
        await Expect(phone.Page.Locator("#day-events button.event-row")).ToHaveCountAsync(3);
        await phone.ScreenshotAsync("events");
        await phone.AssertAccessibleAsync("phone events");
    }

    private static string DateLabel(DateOnly date) => date.ToString("dddd, MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US"));

    private static string NextMonth(string month, int months) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(months).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>How many "Events" lists (GET …/calendar/days/{date}) the page has asked for.</summary>
    private static int DayRequests(BrowserSession browser) => browser.Requests.Count(url => url.Contains("/calendar/days/", StringComparison.Ordinal));

    [BrowserFact]
    public async Task The_account_calendar_of_a_demo_account_is_picked_from_the_accounts_on_the_users_calendar_and_opens_its_items()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "account-calendar");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Dana);
        await page.ClickAsync("#user-menu-button");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Account Calendar" }).ClickAsync();
        var greenfield = page.Locator("#known-accounts-list a[data-account-id='ACC-1']");
        await Expect(greenfield).ToHaveTextAsync("Greenfield Apartments (ACC-1)");
        await Expect(page.Locator("#known-accounts-list a[data-account-id='ACC-2']")).ToHaveTextAsync("Riverside Storage (ACC-2)");
        await browser.ScreenshotAsync("account-picker");

        // Greenfield's calendar: the swap thread and the site visit on the busy day (the gate email only copies Pat: it is there too).
        await greenfield.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Account Calendar");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Greenfield Apartments (ACC-1)");
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts/ACC-1/calendar?month={UiScenario.Month(Scenario.BusyDay)}");
        var busy = page.Locator($"td[data-date='{UiScenario.Iso(Scenario.BusyDay)}'] button.events");
        await Expect(busy).ToHaveAttributeAsync("data-count", "3");
        await browser.ScreenshotAsync("greenfield-month");
        await browser.AssertAccessibleAsync("account month");
        await busy.DblClickAsync();
        await Expect(page.Locator("#day-events button.event-row")).ToHaveCountAsync(3);
        await page.Locator("#day-events button.event-row", new() { HasText = UiScenario.SiteVisitTitle }).ClickAsync();
        await Expect(page.Locator("#appointment-location")).ToHaveTextAsync("12 Elm St, Building C");
        await browser.ScreenshotAsync("greenfield-appointment");
        await page.Keyboard.PressAsync("Escape");
        // Closed only once the route without the appointment is drawn, which gives focus back to the opened row: typing
        // into the account switch before that would lose the focus (and the Enter) to the row.
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();

        // Riverside's calendar: the invoice email alone on its date shows its subject; a click opens the thread.
        await page.FillAsync("#account-id", "ACC-2");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#calendar-subtitle")).ToHaveTextAsync("Riverside Storage (ACC-2)");
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts/ACC-2/calendar?month={UiScenario.Month(Scenario.EmailDay)}");
        var invoice = page.Locator($"td[data-date='{UiScenario.Iso(Scenario.EmailDay)}'] button.item-email");
        await Expect(invoice).ToContainTextAsync(UiScenario.InvoiceSubject);
        await browser.ScreenshotAsync("riverside-month");
        await invoice.ClickAsync();
        await Expect(page.Locator("#thread-messages pre.body")).ToContainTextAsync("Invoice 4411 lists two pickups");
        await browser.ScreenshotAsync("riverside-email");
        await page.Keyboard.PressAsync("Escape");

        // An account that does not exist says so.
        await page.GotoAsync($"{world.BaseUrl}/app/#/accounts/ACC-404/calendar");
        await Expect(page.Locator("#calendar-status [role=alert]")).ToContainTextAsync("There is no account ACC-404");
        await browser.ScreenshotAsync("unknown-account");
        await browser.AssertAccessibleAsync("unknown account");
        browser.AssertNothingLeftTheMachine();
    }
}
