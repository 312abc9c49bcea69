using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>What a colleague sees of a user's items after the user chooses a stricter level on their settings page.</summary>
[Collection(UiCollection.Name)]
public sealed class ColleagueVisibilityTests(UiWorld world)
{
    private UiScenario Scenario => world.Scenario;

    [BrowserFact]
    public async Task After_dana_chooses_subject_only_then_metadata_only_a_colleague_sees_no_text_then_no_subject_each_with_a_note()
    {
        var month = UiScenario.Month(Scenario.BusyDay);
        var busyDay = $"{world.BaseUrl}/app/#/accounts/ACC-1/calendar?month={month}&day={UiScenario.Iso(Scenario.BusyDay)}";
        try
        {
            await using var dana = await BrowserSession.OpenAsync(world, "colleague-visibility");
            await dana.SignInAsync(UiScenario.Dana);
            await ChooseLevelAsync(dana, "subject");

            // Subject only: Kim sees the subject and who took part, but no message text.
            await using var kim = await BrowserSession.OpenAsync(world, "colleague-visibility-kim");
            var page = kim.Page;
            await kim.SignInAsync(UiScenario.Kim);
            await page.GotoAsync(busyDay);
            var swap = page.Locator("#day-events button.event-row", new() { HasText = "9:15 AM" });
            await Expect(swap).ToHaveAttributeAsync("data-visibility", "subject");
            await swap.ClickAsync();
            await Expect(page.Locator("#overlay-title")).ToHaveTextAsync(UiScenario.SwapSubject);
            await Expect(page.Locator("#visibility-note")).ToContainTextAsync("text is hidden");
            await Expect(page.Locator("#thread-participants")).ToContainTextAsync(UiScenario.Pat);
            await Expect(page.Locator("#thread-messages .message")).ToHaveCountAsync(2);
            await Expect(page.Locator("#thread-messages pre.body")).ToHaveCountAsync(0);
            await Expect(page.Locator("#item-private")).ToHaveCountAsync(0);
            Assert.DoesNotContain("20-yard", await page.InnerTextAsync("#overlay"), StringComparison.Ordinal); // the first message's text
            await Expect(page.Locator("#calendar-reasons li[data-account-id='ACC-1']")).ToHaveTextAsync("On Greenfield Apartments' calendar because Pat Greenfield (pat@greenfield.example) took part.");
            await kim.AssertAccessibleAsync("a colleague's thread at subject-only");
            await kim.ScreenshotAsync("subject-only");

            // Metadata only: "Email", no subject, no text (the answer Kim saw before is not served again).
            await ChooseLevelAsync(dana, "metadata");
            await page.GotoAsync($"{world.BaseUrl}/app/#/calendar");
            await page.GotoAsync(busyDay);
            await Expect(swap).ToHaveAttributeAsync("data-visibility", "metadata");
            await Expect(swap.Locator(".title")).ToHaveTextAsync("Email");
            await swap.ClickAsync();
            await Expect(page.Locator("#overlay-title")).ToHaveTextAsync("Email");
            await Expect(page.Locator("#visibility-note")).ToHaveAttributeAsync("data-visibility", "metadata");
            Assert.DoesNotContain(UiScenario.SwapSubject, await page.InnerTextAsync("#overlay"), StringComparison.OrdinalIgnoreCase);
            await kim.AssertAccessibleAsync("a colleague's thread at metadata-only");
            await kim.ScreenshotAsync("metadata-only");

            // Dana, who holds it, still reads it in full on the same account calendar.
            await dana.Page.GotoAsync(busyDay);
            await Expect(dana.Page.Locator("#day-events button.event-row", new() { HasText = UiScenario.SwapSubject })).ToHaveAttributeAsync("data-visibility", "full");
            await dana.ScreenshotAsync("holder-sees-full");
            dana.AssertNothingLeftTheMachine();
            kim.AssertNothingLeftTheMachine();
        }
        finally
        {
            using var api = world.ClientFor(UiScenario.Dana);
            var response = await api.PutAsJsonAsync("/api/me/privacy", new { blocklist = Array.Empty<string>(), accountVisibility = "full" });
            Assert.True(response.IsSuccessStatusCode, $"PUT /api/me/privacy: {response.StatusCode}");
        }
    }

    /// <summary>Dana chooses a level on her settings page and saves it.</summary>
    private static async Task ChooseLevelAsync(BrowserSession dana, string level)
    {
        await dana.Page.GotoAsync($"{dana.World.BaseUrl}/app/#/settings/privacy");
        await dana.Page.CheckAsync($"#accountVisibility-{level}");
        await dana.Page.ClickAsync("#privacy-save");
        await Expect(dana.Page.Locator("#privacy-saved")).ToBeVisibleAsync();
        await Expect(dana.Page.Locator($"#accountVisibility-{level}")).ToBeCheckedAsync();
        await dana.ScreenshotAsync($"chose-{level}");
        using var api = dana.World.ClientFor(UiScenario.Dana);
        Assert.Equal(level, (await api.GetFromJsonAsync<JsonElement>("/api/me/privacy")).GetProperty("accountVisibility").GetString());
    }
}
