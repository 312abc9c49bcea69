using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// Multi-day appointments, the week and agenda views, the emails/appointments filter, phone width, and a calendar that
/// fills in while it is open. A tenant of its own (<see cref="Tenant"/>), so the shared tenant's counts stay as they are.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class CalendarViewsTests(UiWorld world)
{
    private const string Tenant = "ui-calendar-views";
    private const string Lane = "lane@cedar.example";
    private const string WalkThrough = "Cedar Court walk-through";
    private const string BinCount = "Bin count for Cedar Court";
    private const string Renovation = "Cedar Court lobby renovation, three days with the contractor";
    private const string MoveIn = "Cedar Court move-in days";

    private static readonly TokenRequest Morgan = new("morgan", Tenant, "morgan@cedarviews.onmicrosoft.com", "Morgan Planner", "user", UiScenario.TimeZone);
    private static readonly TokenRequest Quinn = new("quinn", Tenant, "quinn@cedarviews.onmicrosoft.com", "Quinn Live", "user", UiScenario.TimeZone);
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById(UiScenario.TimeZone);

    private UiScenario Scenario => world.Scenario;

    [BrowserFact]
    public async Task Multi_day_appointments_span_their_dates_and_the_week_and_agenda_views_list_items_in_time_order_under_the_filter_at_any_width()
    {
        var recent = Scenario.Today.AddDays(-1);
        var start = new DateOnly(Scenario.Today.Year, Scenario.Today.Month, 1).AddMonths(1).AddDays(9); // the 10th of next month
        await LinkAsync(Morgan, new ScenarioMailbox
        {
            Email = Morgan.Email!, Provider = SandboxProvider.Microsoft, DisplayName = Morgan.Name,
            Messages = [new ScenarioMessage { Subject = BinCount, From = $"Lane Cedar <{Lane}>", To = [Morgan.Email!], SentAt = UiScenario.At(recent, 9), Body = "Twelve bins." }],
            Events =
            [
                Event(WalkThrough, UiScenario.At(recent, 13), UiScenario.At(recent, 14)),
                Event(Renovation, UiScenario.At(start, 9), UiScenario.At(start.AddDays(2), 17)),
                Event(MoveIn, UiScenario.At(start.AddDays(5), 0), UiScenario.At(start.AddDays(8), 0)) with { IsAllDay = true },
            ],
        }, emails: 1, appointments: 3);

        await using var browser = await BrowserSession.OpenAsync(world, "calendar-views");
        await browser.SignInAsync(Morgan);
        await ShowsMultiDayAppointmentsAsync(browser, start);
        await ShowsTheWeekAndTheFilterAsync(browser, recent);
        await ShowsTheAgendaAsync(browser, recent);
        browser.AssertNothingLeftTheMachine();

        // Phone width: every view without sideways scrolling; the week is a day-by-day list.
        await using var phone = await BrowserSession.OpenAsync(world, "calendar-views-phone", phone: true);
        await phone.SignInAsync(Morgan);
        foreach (var (view, route, visible) in new[]
        {
            ("month", $"month={UiScenario.Month(start)}", $"td[data-date='{UiScenario.Iso(start.AddDays(1))}'] button.continuation"),
            ("week", $"view=week&date={UiScenario.Iso(recent)}", $"#week-view section[data-date='{UiScenario.Iso(recent)}'] button.item-email"),
            ("agenda", $"view=agenda&date={UiScenario.Iso(recent)}", $"#agenda-view section[data-date='{UiScenario.Iso(recent)}'] button.item-appointment"),
        })
        {
            await phone.Page.GotoAsync($"{world.BaseUrl}/app/#/calendar?{route}");
            await Expect(phone.Page.Locator(visible)).ToBeVisibleAsync();
            await phone.AssertNoSidewaysScrollingAsync();
            await phone.ScreenshotAsync($"phone-{view}");
            await phone.AssertAccessibleAsync($"phone {view}");
        }
    }

    private async Task ShowsMultiDayAppointmentsAsync(BrowserSession browser, DateOnly start)
    {
        var page = browser.Page;
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(start)}");
        await Expect(page.Locator("#month-grid")).ToHaveAttributeAsync("aria-busy", "false");
        Func<DateOnly, ILocator> cell = date => page.Locator($"td[data-date='{UiScenario.Iso(date)}']");

        // Timed: its first date and the two after it (it ends at 5 PM on the third); nothing on the fourth.
        var first = cell(start).Locator("button.item-appointment.starts-span");
        await Expect(first).ToContainTextAsync(Renovation);
        var id = await first.GetAttributeAsync("data-id");
        foreach (var date in new[] { start.AddDays(1), start.AddDays(2) })
        {
            await Expect(cell(date).Locator($"button.continuation[data-id='{id}']")).ToHaveCountAsync(1);
            await Expect(cell(date)).ToHaveAttributeAsync("data-count", "1");
            await Expect(page.Locator($"#day-label-{UiScenario.Iso(date)}")).ToHaveTextAsync($"{DateLabel(date)}, 1 item");
        }

        await Expect(cell(start.AddDays(3)).Locator("button")).ToHaveCountAsync(0);

        // All day, ending on an exclusive date: the 5th, 6th and 7th day after the start, not the 8th.
        var allDay = cell(start.AddDays(5)).Locator("button.item-appointment");
        await Expect(allDay).ToContainTextAsync("All day");
        var allDayId = await allDay.GetAttributeAsync("data-id");
        await Expect(cell(start.AddDays(6)).Locator($"button.continuation[data-id='{allDayId}']")).ToHaveCountAsync(1);
        await Expect(cell(start.AddDays(7)).Locator($"button.continuation[data-id='{allDayId}']")).ToHaveCountAsync(1);
        await Expect(cell(start.AddDays(8)).Locator("button")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("multi-day-month");
        await browser.AssertAccessibleAsync("month with multi-day appointments");

        // A continuing bar names its appointment in full on focus and opens it.
        var bar = cell(start.AddDays(1)).Locator("button.continuation");
        await bar.FocusAsync();
        await Expect(bar).ToHaveAccessibleNameAsync($"Appointment: {Renovation}, continues from {DateLabel(start)} until {DateLabel(start.AddDays(2))}");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(Renovation);
        await browser.AssertAccessibleAsync("multi-day appointment opened");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();
    }

    private async Task ShowsTheWeekAndTheFilterAsync(BrowserSession browser, DateOnly recent)
    {
        var page = browser.Page;
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?view=week&date={UiScenario.Iso(recent)}");
        await Expect(page.Locator("#view-week")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.Locator("#week-view section.calendar-day")).ToHaveCountAsync(7);
        var items = page.Locator($"#week-view section[data-date='{UiScenario.Iso(recent)}'] button.item");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Nth(0)).ToContainTextAsync("9:00 AM"); // the email, sent before the walk-through
        await Expect(items.Nth(0)).ToContainTextAsync(BinCount);
        await Expect(items.Nth(1)).ToContainTextAsync("1:00 PM");
        await Expect(items.Nth(1)).ToContainTextAsync(WalkThrough);
        await browser.ScreenshotAsync("week");
        await browser.AssertAccessibleAsync("week");

        // Appointments only: the route keeps the choice, the button keeps the focus.
        await page.FocusAsync("#show-email");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#show-email")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.Nth(0)).ToContainTextAsync(WalkThrough);
        await Expect(page.Locator("#show-email")).ToBeFocusedAsync();
        Assert.Contains("kinds=appointment", page.Url, StringComparison.Ordinal);
        await browser.ScreenshotAsync("week-appointments-only");
        await browser.AssertAccessibleAsync("week, appointments only");

        // The details open from the week and close back to it.
        await items.Nth(0).ClickAsync();
        await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(WalkThrough);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#overlay")).Not.ToBeVisibleAsync();
        await Expect(page.Locator("#view-week")).ToHaveAttributeAsync("aria-current", "true");
        Assert.Contains("kinds=appointment", page.Url, StringComparison.Ordinal);
    }

    private async Task ShowsTheAgendaAsync(BrowserSession browser, DateOnly recent)
    {
        var page = browser.Page;
        await page.ClickAsync("#view-agenda");
        var agenda = page.Locator("#agenda-view");
        await Expect(agenda).ToHaveAttributeAsync("aria-busy", "false");
        var day = agenda.Locator($"section[data-date='{UiScenario.Iso(recent)}']");
        await Expect(agenda.Locator("section").First).ToHaveAttributeAsync("data-date", UiScenario.Iso(recent));
        await Expect(day.Locator("button.item")).ToHaveCountAsync(1); // still appointments only
        await Expect(agenda.Locator("section.no-items")).ToHaveCountAsync(0);
        await browser.AssertAccessibleAsync("agenda, appointments only");

        // Both kinds again: the email joins the date, in time order.
        await page.ClickAsync("#show-email");
        await Expect(day.Locator("button.item")).ToHaveCountAsync(2);
        await Expect(day.Locator("button.item").Nth(0)).ToHaveAttributeAsync("data-kind", "email");
        Assert.DoesNotContain("kinds=", page.Url, StringComparison.Ordinal);
        await browser.ScreenshotAsync("agenda");
        await browser.AssertAccessibleAsync("agenda");

        // Later and Earlier page by 30 days, keeping the focus on the control used.
        var label = page.Locator("#month-label");
        var before = await label.TextContentAsync();
        await page.FocusAsync("#month-next");
        await page.Keyboard.PressAsync("Enter");
        await Expect(label).Not.ToHaveTextAsync(before!);
        await Expect(day).ToHaveCountAsync(0);
        await Expect(page.Locator("#month-next")).ToBeFocusedAsync();
        await page.FocusAsync("#month-prev");
        await page.Keyboard.PressAsync("Enter");
        await Expect(label).ToHaveTextAsync(before!);
        await Expect(day.Locator("button.item")).ToHaveCountAsync(2);
        await Expect(page.Locator("#month-prev")).ToBeFocusedAsync();
    }

    [BrowserFact]
    public async Task An_open_calendar_fills_in_as_a_sync_records_new_items_without_a_reload()
    {
        var linkId = await LinkAsync(Quinn, new ScenarioMailbox
        {
            Email = Quinn.Email!, Provider = SandboxProvider.Microsoft, DisplayName = Quinn.Name,
            Messages = [new ScenarioMessage { Subject = BinCount, From = $"Lane Cedar <{Lane}>", To = [Quinn.Email!], SentAt = DateTimeOffset.UtcNow.AddDays(-2), Body = "Twelve bins." }],
        }, emails: 1, appointments: 0);
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sentAt, Chicago).DateTime);
        const string subject = "Cedar Court gate repaired";

        await using var browser = await BrowserSession.OpenAsync(world, "calendar-live");
        var page = browser.Page;
        await browser.SignInAsync(Quinn);
        await page.GotoAsync($"{world.BaseUrl}/app/#/calendar?month={UiScenario.Month(date)}");
        await Expect(page.Locator("#month-grid")).ToHaveAttributeAsync("aria-busy", "false");
        var arrived = page.Locator($"td[data-date='{UiScenario.Iso(date)}'] button.item-email", new() { HasText = subject });
        await Expect(arrived).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => { window.calendarTestMarker = 'same page'; }");
        await page.FocusAsync("#show-appointment");

        await world.Sandbox.Control.AddMessageAsync(Quinn.Email!, new ScenarioMessage
        {
            Subject = subject, From = $"Lane Cedar <{Lane}>", To = [Quinn.Email!], SentAt = sentAt, Body = "The gate works again.",
        });
        // The provider throttles the run's first call for a few seconds: the run lasts long enough for a poll to see it.
        await world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Quinn.Email!, Kind = FaultKind.Throttle, PathPrefix = "/v1.0", RetryAfterSeconds = 8 });
        using (var api = world.ClientFor(Quinn))
        {
            (await api.PostAsync($"/api/me/links/{linkId}/sync", null)).EnsureSuccessStatusCode();
        }

        await ScreenshotProgressIfShownAsync(browser);
        await Expect(arrived).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal("same page", await page.EvaluateAsync<string>("() => window.calendarTestMarker"));
        await Expect(page.Locator("#show-appointment")).ToBeFocusedAsync();
        await Expect(page.Locator("#calendar-progress .sync-progress")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("filled-in");
        await browser.AssertAccessibleAsync("calendar filled in live");
        browser.AssertNothingLeftTheMachine();
    }

    /// <summary>The progress banner while the run lasts, when a poll sees it (a quick run may end between two polls).</summary>
    private static async Task ScreenshotProgressIfShownAsync(BrowserSession browser)
    {
        var progress = browser.Page.Locator("#calendar-progress .sync-progress");
        try
        {
            await progress.First.WaitForAsync(new() { Timeout = 12_000 });
        }
        catch (TimeoutException)
        {
            return;
        }

        await Expect(progress.First).ToContainTextAsync($"Syncing {Quinn.Email}");
        await browser.ScreenshotAsync("sync-progress");
        await browser.AssertAccessibleAsync("sync progress banner");
    }

    /// <summary>The tenant (provider enabled, one account whose contact is Lane), the mailbox in the sandbox, linked and synced.</summary>
    private async Task<string> LinkAsync(TokenRequest user, ScenarioMailbox mailbox, int emails, int appointments)
    {
        using (var admin = world.ClientFor(Tokens.Admin(Tenant)))
        {
            (await admin.PutAsJsonAsync("/api/admin/providers/microsoft", new { enabled = true, reviewTicket = "TR-19" })).EnsureSuccessStatusCode();
            (await admin.PutAsJsonAsync("/api/accounts/CED-1", new { name = "Cedar Court", contacts = new[] { new { contactId = "c-lane", name = "Lane Cedar", email = Lane } } }))
                .EnsureSuccessStatusCode();
        }

        await world.Sandbox.Control.AddMailboxAsync(mailbox);
        var linkId = await world.LinkAsync(user, "microsoft", mailbox.Email);
        await world.WaitForLinkAsync(user, linkId, l => l.GetProperty("lastSyncAt").ValueKind == JsonValueKind.String
            && l.GetProperty("emailsSynced").GetInt64() >= emails && l.GetProperty("appointmentsSynced").GetInt64() >= appointments, TimeSpan.FromSeconds(60));
        return linkId;
    }

    private static ScenarioEvent Event(string title, DateTimeOffset start, DateTimeOffset end) => new()
    {
        Subject = title, Start = start, End = end, TimeZone = UiScenario.TimeZone, Location = "Cedar Court",
        Attendees = [new ScenarioAttendee { Address = Lane, Name = "Lane Cedar", Response = AttendeeResponse.Accepted }],
    };

    private static string DateLabel(DateOnly date) => date.ToString("dddd, MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US"));
}
