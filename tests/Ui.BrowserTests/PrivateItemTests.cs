using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>The "Private" switch on an email thread and an appointment, and what a colleague then sees of them.</summary>
[Collection(UiCollection.Name)]
public sealed class PrivateItemTests(UiWorld world)
{
    private UiScenario Scenario => world.Scenario;

    [BrowserFact]
    public async Task Dana_marks_a_thread_and_an_appointment_private_and_a_colleague_sees_only_private_items_while_dana_still_sees_them_in_full()
    {
        var (swapId, visitId) = await BusyDayItemsAsync();
        var month = UiScenario.Month(Scenario.BusyDay);
        try
        {
            await using var dana = await BrowserSession.OpenAsync(world, "private-items");
            var page = dana.Page;
            await dana.SignInAsync(UiScenario.Dana);
            await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={month}&day={UiScenario.Iso(Scenario.BusyDay)}&email={swapId}");
            var toggle = page.Locator("#item-private");
            await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.SwapSubject);
            await Expect(toggle).Not.ToBeCheckedAsync();
            await toggle.CheckAsync();
            await Expect(page.Locator("#private-status")).ToContainTextAsync("Private: colleagues see only \"Private email\"");
            await Expect(toggle).ToBeCheckedAsync();
            await dana.AssertAccessibleAsync("a thread marked private by its holder");
            await dana.ScreenshotAsync("email-marked-private");

            await page.ClickAsync("#overlay-back");
            await page.Locator($"#day-events button.event-row[data-id='{visitId}']").ClickAsync();
            await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.SiteVisitTitle);
            await page.FocusAsync("#item-private");
            await page.Keyboard.PressAsync("Space");
            await Expect(page.Locator("#private-status")).ToContainTextAsync("Private: colleagues see only \"Private appointment\"");
            await dana.ScreenshotAsync("appointment-marked-private");
            await page.Keyboard.PressAsync("Escape");

            // Kim holds neither: on Greenfield's calendar they are "Private email" and "Private appointment", with a note and no content.
            await using var kim = await BrowserSession.OpenAsync(world, "private-items-colleague");
            await kim.SignInAsync(UiScenario.Kim);
            await kim.Page.GotoAsync($"{world.BaseUrl}/app/#/accounts/ACC-1/calendar?month={month}&day={UiScenario.Iso(Scenario.BusyDay)}");
            var email = kim.Page.Locator($"#day-events button.event-row[data-id='{swapId}']");
            await Expect(email).ToHaveAttributeAsync("data-visibility", "private");
            await Expect(email.Locator(".title")).ToHaveTextAsync("Private email");
            await Expect(kim.Page.Locator($"#day-events button.event-row[data-id='{visitId}'] .title")).ToHaveTextAsync("Private appointment");
            await kim.AssertAccessibleAsync("a colleague's events list with private items");
            await kim.ScreenshotAsync("colleague-events");
            await email.ClickAsync();
            await Expect(kim.Page.Locator("#overlay-title")).ToHaveTextAsync("Private email");
            await Expect(kim.Page.Locator("#visibility-note")).ToHaveAttributeAsync("data-visibility", "private");
            await Expect(kim.Page.Locator("#thread-messages")).ToHaveCountAsync(0);
            await Expect(kim.Page.Locator("#item-private")).ToHaveCountAsync(0);
            Assert.DoesNotContain("dumpster", await kim.Page.InnerTextAsync("#overlay"), StringComparison.OrdinalIgnoreCase);
            await Expect(kim.Page.Locator("#calendar-reasons")).ToHaveCountAsync(0); // who took part is not shown: no contact is named
            Assert.DoesNotContain("Pat Greenfield", await kim.Page.InnerTextAsync("#overlay"), StringComparison.Ordinal);
            await kim.AssertAccessibleAsync("a colleague's private email");
            await kim.ScreenshotAsync("colleague-private-email");
            await kim.Page.ClickAsync("#overlay-back");
            await kim.Page.Locator($"#day-events button.event-row[data-id='{visitId}']").ClickAsync();
            await Expect(kim.Page.Locator("#overlay-title")).ToHaveTextAsync("Private appointment");
            await Expect(kim.Page.Locator("#appointment-attendees")).ToHaveCountAsync(0);
            Assert.DoesNotContain("Elm St", await kim.Page.InnerTextAsync("#overlay"), StringComparison.Ordinal);
            await Expect(kim.Page.Locator("#calendar-reasons")).ToHaveCountAsync(0);
            await kim.ScreenshotAsync("colleague-private-appointment");

            // The same account calendar, read by Dana right after: her items in full (no answer kept for Kim is served to her).
            await page.GotoAsync($"{world.BaseUrl}/app/#/accounts/ACC-1/calendar?month={month}&day={UiScenario.Iso(Scenario.BusyDay)}");
            await Expect(page.Locator($"#day-events button.event-row[data-id='{swapId}'] .title")).ToHaveTextAsync(UiScenario.SwapSubject);
            await Expect(page.Locator($"#day-events button.event-row[data-id='{visitId}'] .title")).ToHaveTextAsync(UiScenario.SiteVisitTitle);
            await dana.ScreenshotAsync("holder-still-sees-them");

            // Opened again on her calendar (the views have folded the mark: Kim saw it), the thread shows Dana's own mark.
            await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={month}&email={swapId}");
            await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.SwapSubject);
            await Expect(page.Locator("#item-private")).ToBeCheckedAsync();
            dana.AssertNothingLeftTheMachine();
            kim.AssertNothingLeftTheMachine();
        }
        finally
        {
            using var api = world.ClientFor(UiScenario.Dana);
            (await api.PutAsJsonAsync($"/api/emails/{swapId}/private", new { @private = false })).EnsureSuccessStatusCode();
            (await api.PutAsJsonAsync($"/api/appointments/{visitId}/private", new { @private = false })).EnsureSuccessStatusCode();
        }
    }

    [BrowserFact]
    public async Task The_switch_of_an_item_the_users_mailbox_does_not_hold_goes_back_and_says_why()
    {
        var (swapId, _) = await BusyDayItemsAsync();
        await using var kim = await BrowserSession.OpenAsync(world, "private-not-held");
        var page = kim.Page;
        await kim.SignInAsync(UiScenario.Kim);

        // Kim follows a link to Dana's thread: shown in full (the tenant's level), but her mailbox does not hold it.
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(Scenario.BusyDay)}&email={swapId}");
        await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.SwapSubject);
        await page.Locator("#item-private").ClickAsync(); // the switch goes back on the server's 404: not a CheckAsync
        await Expect(page.Locator("#private-status")).ToContainTextAsync("your mailbox does not hold this one");
        await Expect(page.Locator("#item-private")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#item-private")).ToBeEnabledAsync();
        await kim.AssertAccessibleAsync("the private switch after the server refused it");
        await kim.ScreenshotAsync("not-held");
        kim.AssertNothingLeftTheMachine();
    }

    /// <summary>The swap thread's and the site visit's ids, from Dana's calendar.</summary>
    private async Task<(string SwapId, string VisitId)> BusyDayItemsAsync()
    {
        using var api = world.ClientFor(UiScenario.Dana);
        var day = await api.GetFromJsonAsync<JsonElement>($"/api/me/calendar/days/{UiScenario.Iso(Scenario.BusyDay)}?tz={UiScenario.TimeZone}");
        var items = day.GetProperty("items").EnumerateArray().ToList();
        string IdOf(string title) => items.Single(i => i.GetProperty("title").GetString() == title).GetProperty("id").GetString()!;
        return (IdOf(UiScenario.SwapSubject), IdOf(UiScenario.SiteVisitTitle));
    }
}
