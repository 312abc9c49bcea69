using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// The time-zone switch: choosing another zone draws the calendar and the details again in it (the calendar asked
/// again with that tz), the choice stays while the user moves around, "Use my default zone" goes back, and signing out
/// forgets it.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class TimeZoneSwitchTests(UiWorld world)
{
    private UiScenario Scenario => world.Scenario;

    [BrowserFact]
    public async Task Switching_to_utc_redraws_the_calendar_and_details_in_utc_until_the_user_goes_back_to_the_default_or_signs_out()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "time-zone");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Dana);
        var month = $"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(Scenario.AppointmentDay)}";
        await page.GotoAsync(month);
        var review = page.Locator($"td[data-date='{UiScenario.Iso(Scenario.AppointmentDay)}'] button.item-appointment");
        await Expect(review).ToContainTextAsync("10:00 AM");
        await review.ClickAsync();

        // The appointment at 10:00 in Chicago, then the same in UTC.
        var when = page.Locator("#appointment-when");
        var zone = page.Locator("#overlay-zone-select");
        await Expect(when).ToContainTextAsync("10:00 AM – 11:00 AM (America/Chicago)");
        await Expect(zone).ToHaveValueAsync(UiScenario.TimeZone);
        await Expect(page.Locator("#overlay-zone")).ToContainTextAsync("Times in");
        await zone.FocusAsync(); // every zone Intl knows is offered, not only the suggested ones
        await Expect(zone.Locator("option[value='Asia/Tokyo']")).ToHaveCountAsync(1);
        await zone.SelectOptionAsync("UTC");
        await Expect(when).ToContainTextAsync($"{Utc(Scenario.AppointmentDay, 10)} – {Utc(Scenario.AppointmentDay, 11)} (UTC)");
        await Expect(zone).ToHaveValueAsync("UTC");
        await Expect(zone).ToBeFocusedAsync();
        Assert.Contains(browser.Requests, url => url.Contains("/api/me/calendar?", StringComparison.Ordinal) && url.Contains("tz=UTC", StringComparison.Ordinal));
        await browser.AssertAccessibleAsync("the appointment in UTC");
        await browser.ScreenshotAsync("appointment-in-utc");

        // Behind it, the month was drawn again in UTC.
        await page.Keyboard.PressAsync("Escape");
        await Expect(review).ToContainTextAsync(Utc(Scenario.AppointmentDay, 10));
        await Expect(review).ToBeFocusedAsync();
        await browser.ScreenshotAsync("month-in-utc");

        // The choice stays while the user goes elsewhere and comes back: the Events list and a thread in UTC.
        await browser.OpenFromUserMenuAsync("Linked accounts");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Linked accounts");
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(Scenario.BusyDay)}&day={UiScenario.Iso(Scenario.BusyDay)}");
        var swap = page.Locator("#day-events button.event-row", new() { HasText = UiScenario.SwapSubject });
        await Expect(swap.Locator(".time")).ToHaveTextAsync($"{Utc(Scenario.BusyDay, 9, 15)} UTC");
        await swap.ClickAsync();
        await Expect(page.Locator("#email-thread .message").First).ToContainTextAsync($"{Utc(Scenario.BusyDay, 9, 15)} UTC");
        await browser.ScreenshotAsync("thread-in-utc");

        // "Use my default zone" goes back to the token's zone, and the choice is gone from the list.
        await zone.SelectOptionAsync(new SelectOptionValue { Label = $"Use my default zone ({UiScenario.TimeZone})" });
        await Expect(page.Locator("#email-thread .message").First).ToContainTextAsync(new Regex("9:15 AM C[SD]T"));
        await Expect(zone).ToHaveValueAsync(UiScenario.TimeZone);
        await Expect(zone.Locator("option[value='']")).ToHaveCountAsync(0);

        // Chosen again, then signed out: nothing of the choice stays, and signing in again shows Chicago.
        await zone.SelectOptionAsync("UTC");
        await Expect(zone).ToHaveValueAsync("UTC");
        await page.Keyboard.PressAsync("Escape");
        await browser.OpenFromUserMenuAsync("Sign out");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        var storage = await page.EvaluateAsync<string>("() => JSON.stringify({ session: Object.entries(sessionStorage), local: Object.entries(localStorage) })");
        Assert.DoesNotContain("timezone", storage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"UTC\"", storage, StringComparison.Ordinal);
        await browser.SignInAsync(UiScenario.Dana);
        await page.GotoAsync(month);
        await Expect(review).ToContainTextAsync("10:00 AM");
        await review.ClickAsync();
        await Expect(zone).ToHaveValueAsync(UiScenario.TimeZone);
        await Expect(when).ToContainTextAsync("10:00 AM – 11:00 AM (America/Chicago)");
        browser.AssertNothingLeftTheMachine();
    }

    /// <summary>A Chicago wall time of a date as a UTC clock time ("4:00 PM"), read from the time-zone database.</summary>
    private static string Utc(DateOnly date, int hour, int minute = 0) =>
        UiScenario.At(date, hour, minute).UtcDateTime.ToString("h:mm tt", CultureInfo.GetCultureInfo("en-US"));
}
