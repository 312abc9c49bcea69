using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>"Linked accounts": each link's recent runs (the sync ledger), its completeness and "Check now".</summary>
[Collection(UiCollection.Name)]
public sealed class LinkRunsTests(UiWorld world)
{
    [BrowserFact]
    public async Task A_links_recent_runs_show_what_was_scanned_recorded_filtered_by_the_users_blocklist_and_skipped_with_the_reason()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "link-runs");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Robin);

        // Robin blocks Greenfield's domain on the settings page, then links the mailbox.
        await browser.OpenFromUserMenuAsync("Privacy settings");
        await page.FillAsync("#blocklist-input", "@greenfield.example");
        await page.ClickAsync("#blocklist-add");
        await page.ClickAsync("#privacy-save");
        await Expect(page.Locator("#privacy-saved")).ToBeVisibleAsync();
        var linkId = await world.LinkAsync(UiScenario.Robin, "microsoft", UiScenario.RobinMailbox);
        await world.WaitForLinkAsync(UiScenario.Robin, linkId, l => l.GetProperty("lastSyncAt").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(60));

        await browser.OpenFromUserMenuAsync("Linked accounts");
        var card = page.Locator($".link-card[data-link-id='{linkId}']");
        await Expect(card.Locator(".items-skipped")).ToHaveAttributeAsync("data-count", "1");
        await card.Locator(".runs summary").ClickAsync();
        var first = card.Locator(".run[data-trigger='link']");
        await Expect(first).ToHaveAttributeAsync("data-outcome", "completed");
        await Expect(first.Locator(".run-trigger")).ToHaveTextAsync("First sync");
        await Expect(first.Locator(".run-duration")).ToContainTextAsync(" s");
        await Expect(first.Locator(".run-recorded")).ToHaveAttributeAsync("data-count", "1");
        await Expect(first.Locator(".run-skipped")).ToHaveAttributeAsync("data-count", "1");
        var skipped = first.Locator($".skipped-items li[data-provider-id='{UiScenario.RobinBrokenId}']");
        // The reason is a sentence for a person: what the provider's payload lacked stays in the log.
        await Expect(skipped).ToContainTextAsync("could not read, so it was left out");
        await Expect(skipped).Not.ToContainTextAsync("sentDateTime");
        await browser.AssertAccessibleAsync("runs-skipped");
        await browser.ScreenshotAsync("runs-skipped");

        // The blocked sender's message: counted under its rule, never recorded, and no content in the listing.
        await Expect(card.Locator(".emails-synced")).ToHaveTextAsync("1 email");
        await Expect(first.Locator(".run-filtered")).ToHaveAttributeAsync("data-count", "1");
        await Expect(first.Locator(".run-filtered")).ToHaveTextAsync("1 by the blocklist");
        var listing = await card.Locator(".runs").InnerTextAsync();
        Assert.DoesNotContain("newsletter", listing, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(UiScenario.Pat, listing, StringComparison.OrdinalIgnoreCase);
        await browser.AssertAccessibleAsync("runs-filtered");
        await browser.ScreenshotAsync("runs-filtered");

        // The open listing survives "Sync now" (the list redraws while it runs) and shows the new run on top.
        await card.Locator("button.sync-now").ClickAsync();
        await Expect(card.Locator(".run[data-trigger='manual']")).ToHaveAttributeAsync("data-outcome", "completed", new() { Timeout = 30_000 });
        await Expect(card.Locator(".runs")).ToHaveAttributeAsync("open", "");

        // Below 640 px the runs fit the screen.
        await using var phone = await BrowserSession.OpenAsync(world, "link-runs-phone", phone: true);
        await phone.SignInAsync(UiScenario.Robin);
        await phone.Page.GotoAsync($"{world.BaseUrl}/app/#/links");
        await phone.Page.Locator($".link-card[data-link-id='{linkId}'] .runs summary").TapAsync();
        await Expect(phone.Page.Locator($".link-card[data-link-id='{linkId}'] .run").First).ToBeVisibleAsync();
        await phone.AssertNoSidewaysScrollingAsync();
        await phone.AssertAccessibleAsync("runs");
        await phone.ScreenshotAsync("runs");
        browser.AssertNothingLeftTheMachine();
    }

    [BrowserFact]
    public async Task Check_now_runs_the_completeness_check_and_the_link_shows_its_result_and_the_check_run()
    {
        await using var browser = await BrowserSession.OpenAsync(world, "check-now");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Dana);
        await browser.OpenFromUserMenuAsync("Linked accounts");
        var card = page.Locator($".link-card[data-account='{UiScenario.DanaMailbox}']");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Active");
        var before = await card.Locator(".completeness").GetAttributeAsync("data-checked-at");
        await browser.AssertAccessibleAsync("before");
        await browser.ScreenshotAsync("before");

        await card.Locator("button.check-now").ClickAsync();
        await Expect(page.Locator("#links-notice")).ToContainTextAsync("Completeness check of dana@hauler.onmicrosoft.com requested");
        var checkedAt = card.Locator(".completeness");
        await Expect(checkedAt.Locator(".completeness-counts")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (before is not null)
        {
            await Expect(checkedAt).Not.ToHaveAttributeAsync("data-checked-at", before, new() { Timeout = 30_000 });
        }

        // Everything the provider finds is stored: as many present as expected, nothing to repair.
        var counts = checkedAt.Locator(".completeness-counts");
        var expected = await counts.GetAttributeAsync("data-expected");
        await Expect(counts).ToHaveAttributeAsync("data-present", expected!);
        await Expect(counts).ToHaveAttributeAsync("data-repaired", "0");
        Assert.True(int.Parse(expected!, System.Globalization.CultureInfo.InvariantCulture) >= 3, $"The check expected {expected} items of Dana's mailbox.");
        await card.Locator(".runs summary").ClickAsync();
        await Expect(card.Locator(".run[data-trigger='check'] .run-trigger").First).ToHaveTextAsync("Completeness check");
        await browser.AssertAccessibleAsync("checked");
        await browser.ScreenshotAsync("checked");

        using var api = world.ClientFor(UiScenario.Dana);
        var linkId = await card.GetAttributeAsync("data-link-id");
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/me/links/{linkId}/check", null)).StatusCode);
        browser.AssertNothingLeftTheMachine();
    }
}
