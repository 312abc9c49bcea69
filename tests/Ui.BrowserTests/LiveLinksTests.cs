using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// "Linked accounts" without a reload, in a tenant of its own (<see cref="Tenant"/>): a sync started elsewhere shows as
/// Syncing with its progress and ends Active with the new counts, and "Last sync" keeps telling the time since (the
/// page's clock is the one thing moved by the test).
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class LiveLinksTests(UiWorld world)
{
    private const string Tenant = "ui-console-live";
    private const string Mailbox = "lou@console-live.onmicrosoft.com";
    private const string Customer = "orders@live-customer.example";

    private static readonly TokenRequest Lou = new("lou", Tenant, Mailbox, "Lou Live", "user", UiScenario.TimeZone);

    [BrowserFact]
    public async Task The_linked_accounts_follow_a_sync_from_syncing_to_active_with_new_counts_and_the_last_sync_time_advances()
    {
        var linkId = await LinkedWithOneEmailAsync();

        await using var browser = await BrowserSession.OpenAsync(world, "live-links");
        var page = browser.Page;
        await page.Clock.InstallAsync(); // the page's clock runs on from now until the test moves it
        await browser.SignInAsync(Lou);
        await browser.OpenFromUserMenuAsync("Linked accounts");
        var card = page.Locator($".link-card[data-link-id='{linkId}']");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Active");
        await Expect(card.Locator(".emails-synced")).ToHaveTextAsync("1 email");
        await Expect(card.Locator(".last-sync time")).ToHaveTextAsync(SecondsAgo());
        await Expect(card.Locator(".last-sync time")).ToHaveAttributeAsync("title", new Regex(@"\d{4}, \d{1,2}:\d{2} [AP]M [A-Z]{2,4} \(America/Chicago\)$"));
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        await browser.AssertAccessibleAsync("an active link");
        await browser.ScreenshotAsync("active");

        // A new email arrives and a sync starts elsewhere (as a schedule or a push would); its calendar read is held 12 s.
        await world.Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage
        {
            Subject = "Second container for the yard", From = $"Orders <{Customer}>", To = [Mailbox], SentAt = DateTimeOffset.UtcNow.AddMinutes(-30), Body = "One more, please.",
        });
        await world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Mailbox, Kind = FaultKind.Throttle, PathPrefix = "/v1.0/me/calendarView", RetryAfterSeconds = 12 });
        using (var api = world.ClientFor(Lou))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/me/links/{linkId}/sync", null)).StatusCode);
        }

        await Expect(card.Locator(".badge")).ToHaveTextAsync("Syncing", new() { Timeout = 15_000 });
        await Expect(card.Locator(".sync-progress")).ToContainTextAsync("Syncing");
        await browser.ScreenshotAsync("syncing");
        await browser.AssertAccessibleAsync("a link syncing");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Active", new() { Timeout = 30_000 });
        await Expect(card.Locator(".emails-synced")).ToHaveTextAsync("2 emails", new() { Timeout = 15_000 });
        await Expect(card.Locator(".sync-progress")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page was reloaded.");

        // Three minutes later (the page's clock), without a reload, the relative time says so.
        await page.Clock.FastForwardAsync("03:00");
        await Expect(card.Locator(".last-sync time")).ToHaveTextAsync(new Regex("^(3|4) minutes ago$"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page was reloaded.");
        await browser.AssertAccessibleAsync("the time since the last sync advanced");
        await browser.ScreenshotAsync("minutes-later");
        browser.AssertNothingLeftTheMachine();
    }

    /// <summary>Lou's mailbox, with one email from a customer's contact, linked and synced once.</summary>
    private async Task<string> LinkedWithOneEmailAsync()
    {
        await world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Mailbox, Provider = SandboxProvider.Microsoft, DisplayName = "Lou Live",
            Messages = [new ScenarioMessage { Subject = "Container for the yard", From = $"Orders <{Customer}>", To = [Mailbox], SentAt = DateTimeOffset.UtcNow.AddHours(-2), Body = "One container, please." }],
        });
        using (var admin = world.ClientFor(Tokens.Admin(Tenant)))
        {
            var account = await admin.PutAsJsonAsync("/api/accounts/LIVE-1", new { name = "Live Customer Yard", contacts = new[] { new { contactId = "c-orders", name = "Orders", email = Customer } } });
            Assert.True(account.IsSuccessStatusCode, $"PUT /api/accounts/LIVE-1: {account.StatusCode}");
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/microsoft", new { enabled = true, reviewTicket = "TR-5" })).StatusCode);
        }

        var linkId = await world.LinkAsync(Lou, "microsoft", Mailbox);
        await world.WaitForLinkAsync(Lou, linkId, l => l.GetProperty("status").GetString() == "Active"
            && l.GetProperty("lastSyncAt").ValueKind == JsonValueKind.String && l.GetProperty("emailsSynced").GetInt64() == 1, TimeSpan.FromSeconds(60));
        return linkId;
    }

    [GeneratedRegex("^(now|\\d+ seconds? ago|1 minute ago)$")]
    private static partial Regex SecondsAgo();
}
