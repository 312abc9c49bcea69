using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;
using NavusoftSync.Ui.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NavusoftSync.Ui.BrowserTests;

/// <summary>
/// The provider screen's password-mailbox form (provider <c>imap</c>) against the real Dovecot and Radicale: the preset
/// of the address filled in, a refused login shown by the IMAP part with nothing stored, a good login linked and listed,
/// and a link whose app password was revoked asking for a new one. Each test enables <c>imap</c> for the tenant first.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class PasswordMailboxTests(UiWorld world)
{
    private const string ICloudAddress = "jo.office@icloud.com";

    [BrowserFact]
    public async Task The_form_fills_in_the_preset_of_the_address_says_an_app_password_is_needed_and_other_servers_are_typed_in()
    {
        await world.EnableProviderAsync("imap");
        var imap = await ImapProviderAsync(UiScenario.Jo, ICloudAddress);
        var preset = imap.GetProperty("presets")[0]; // the one matching the address comes first
        Assert.Contains("icloud", preset.GetProperty("name").GetString()!, StringComparison.OrdinalIgnoreCase);

        await using var browser = await BrowserSession.OpenAsync(world, "mailbox-preset");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Jo);
        await browser.OpenFromUserMenuAsync("Link External Calendar/Email");
        await page.FillAsync("#link-email", ICloudAddress);
        await page.ClickAsync("#link-email-form button[type=submit]");

        // The address's domain suggests the password mailbox: Continue opens its form, no sign-in window.
        await Expect(page.Locator("#provider-detected")).ToHaveAttributeAsync("data-provider", "imap");
        await page.ClickAsync("#provider-continue");
        var form = page.Locator("#mailbox-form");
        await Expect(form).ToBeVisibleAsync();
        await Expect(page.Locator("#imap-preset option:checked")).ToHaveTextAsync(preset.GetProperty("name").GetString()!);
        await Expect(page.Locator("#imap-host")).ToHaveValueAsync(preset.GetProperty("imap").GetProperty("host").GetString()!);
        await Expect(page.Locator("#imap-port")).ToHaveValueAsync(preset.GetProperty("imap").GetProperty("port").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#imap-security")).ToHaveValueAsync(preset.GetProperty("imap").GetProperty("security").GetString()!);
        await Expect(page.Locator("#caldav-url")).ToHaveValueAsync(preset.GetProperty("caldav").GetProperty("url").GetString()!);
        await Expect(page.Locator("#imap-username")).ToHaveValueAsync(ICloudAddress);
        await Expect(page.Locator("#imap-password")).ToHaveAttributeAsync("type", "password");
        await Expect(page.Locator("#imap-password")).ToHaveAttributeAsync("autocomplete", "off");
        await Expect(page.Locator("#imap-password")).ToHaveValueAsync("");
        await Expect(page.Locator("#caldav-same")).ToBeCheckedAsync();
        await Expect(page.Locator("#app-password-hint")).ToContainTextAsync("app password, not your normal password");
        await Expect(page.Locator("#app-password-where")).ToContainTextAsync("App-Specific Passwords");
        await browser.AssertAccessibleAsync("preset-filled-in");
        await browser.ScreenshotAsync("preset-filled-in");

        // "Other": the server is typed in; the hint no longer names a service.
        await page.SelectOptionAsync("#imap-preset", new SelectOptionValue { Label = "Other (enter the server settings)" });
        await Expect(page.Locator("#app-password-where")).ToContainTextAsync("account security settings");
        await page.SelectOptionAsync("#imap-security", "starttls");
        await Expect(page.Locator("#imap-port")).ToHaveValueAsync("143");

        // Select a Different Provider lists it with the OAuth providers.
        await page.ClickAsync("#mailbox-back");
        await Expect(page.Locator("#provider-choice input[name=provider]")).ToHaveCountAsync(3);
        await Expect(page.Locator("#provider-imap")).ToBeCheckedAsync();
        await page.ClickAsync("#provider-choice-continue");
        await Expect(page.Locator("#mailbox-form")).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync("select-a-different-provider");
        await browser.ScreenshotAsync("select-a-different-provider");
        browser.AssertNothingLeftTheMachine();
    }

    [BrowserFact]
    public async Task A_refused_app_password_shows_by_the_imap_settings_the_password_box_is_emptied_and_nothing_is_linked()
    {
        await world.EnableProviderAsync("imap");
        var mailbox = await TestMailbox.CreateAsync(CancellationToken.None);
        await using var browser = await BrowserSession.OpenAsync(world, "mailbox-refused");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Jo);
        await OpenFormAsync(page, mailbox.Address);

        await FillServerAsync(page, mailbox, "not-the-app-password");
        await page.ClickAsync("#mailbox-submit");

        var imapError = page.Locator("#imap-error");
        await Expect(imapError).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(imapError).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#caldav-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#mailbox-error")).ToContainTextAsync("Nothing was stored");
        await Expect(page.Locator("#imap-password")).ToHaveValueAsync("");
        await Expect(page.Locator("#imap-password")).ToBeFocusedAsync();
        await Expect(page.Locator("#imap-host")).ToHaveValueAsync(MailServers.Current.Host); // the rest stays to correct
        await Expect(page.Locator("#link-success")).ToHaveCountAsync(0);
        await browser.AssertAccessibleAsync("refused");
        await browser.ScreenshotAsync("refused");

        using var api = world.ClientFor(UiScenario.Jo);
        var links = await api.GetFromJsonAsync<JsonElement>("/api/me/links");
        Assert.DoesNotContain(links.EnumerateArray(), l => l.GetProperty("provider").GetString() == "imap");
        browser.AssertNothingLeftTheMachine();
    }

    [BrowserFact]
    public async Task A_good_app_password_links_mail_and_calendar_and_the_mailbox_shows_in_the_linked_accounts()
    {
        await world.EnableProviderAsync("imap");
        var mailbox = await TestMailbox.CreateAsync(CancellationToken.None);
        await using var browser = await BrowserSession.OpenAsync(world, "mailbox-linked");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Casey);
        await OpenFormAsync(page, mailbox.Address);

        await FillServerAsync(page, mailbox, mailbox.Password);
        await page.FillAsync("#caldav-url", MailServers.Current.CalDavRoot.ToString()); // the root: the calendar home is discovered
        await browser.AssertAccessibleAsync("filled-in");
        await browser.ScreenshotAsync("filled-in");
        await page.ClickAsync("#mailbox-submit");

        await Expect(page.Locator("#link-success-message")).ToContainTextAsync(mailbox.Address, new() { Timeout = 30_000 });
        await browser.AssertAccessibleAsync("linked");
        await browser.ScreenshotAsync("linked");
        await page.ClickAsync("#view-links");
        var card = page.Locator($".link-card[data-account='{mailbox.Address}']");
        await Expect(card.Locator(".facts dd").First).ToHaveTextAsync("IMAP / CalDAV (app password)");
        await Expect(card.Locator(".badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Active|Syncing)$"));
        await browser.AssertAccessibleAsync("linked-accounts");
        await browser.ScreenshotAsync("linked-accounts");

        using var api = world.ClientFor(UiScenario.Casey);
        var links = await api.GetFromJsonAsync<JsonElement>("/api/me/links");
        var link = Assert.Single(links.EnumerateArray(), l => l.GetProperty("provider").GetString() == "imap");
        Assert.Equal(mailbox.Address, link.GetProperty("externalAccount").GetString());
        browser.AssertNothingLeftTheMachine();
    }

    [BrowserFact]
    public async Task A_revoked_app_password_asks_for_a_new_one_in_the_same_form_and_the_new_one_makes_the_link_active()
    {
        await world.EnableProviderAsync("imap");
        var mailbox = await TestMailbox.CreateAsync(CancellationToken.None);
        var linkId = await world.LinkMailboxAsync(UiScenario.Drew, mailbox);
        await world.WaitForLinkAsync(UiScenario.Drew, linkId, l => l.GetProperty("lastSyncAt").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(60));
        var newPassword = $"renewed-{Guid.NewGuid():N}";
        await mailbox.SetPasswordAsync(newPassword); // the user revoked the app password at the provider
        using (var api = world.ClientFor(UiScenario.Drew))
        {
            (await api.PostAsync($"/api/me/links/{linkId}/sync", null)).EnsureSuccessStatusCode();
        }

        await world.WaitForLinkAsync(UiScenario.Drew, linkId, l => l.GetProperty("status").GetString() == "ReauthRequired", TimeSpan.FromSeconds(60));
        await using var browser = await BrowserSession.OpenAsync(world, "mailbox-reauth");
        var page = browser.Page;
        await browser.SignInAsync(UiScenario.Drew);
        await browser.OpenFromUserMenuAsync("Linked accounts");
        var card = page.Locator($".link-card[data-link-id='{linkId}']");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Reauthorization required");
        await Expect(card.Locator("[role=alert]")).ToContainTextAsync("The mail server refused the app password");
        await Expect(card.Locator("[role=alert]")).ToContainTextAsync("new app password");
        await browser.AssertAccessibleAsync("reauth-required");
        await browser.ScreenshotAsync("reauth-required");

        await card.GetByRole(AriaRole.Link, new() { Name = "Enter a new app password" }).ClickAsync();
        await Expect(page.Locator("#mailbox-reauth")).ToBeVisibleAsync();
        await Expect(page.Locator("#imap-username")).ToHaveValueAsync(mailbox.Address);
        await Expect(page.Locator("#imap-password")).ToHaveValueAsync("");
        await page.FillAsync("#imap-host", MailServers.Current.Host);
        await page.FillAsync("#imap-port", MailServers.Current.ImapsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#imap-username", mailbox.Username);
        await page.FillAsync("#imap-password", newPassword);
        await page.FillAsync("#caldav-url", MailServers.Current.CalDavRoot.ToString());
        await page.ClickAsync("#mailbox-submit");

        await Expect(page.Locator("#link-success-message")).ToContainTextAsync(mailbox.Address, new() { Timeout = 30_000 });
        await world.WaitForLinkAsync(UiScenario.Drew, linkId, l => l.GetProperty("status").GetString() is "Active" or "Syncing", TimeSpan.FromSeconds(30));
        await page.ClickAsync("#view-links");
        await Expect(page.Locator($".link-card[data-link-id='{linkId}'] .badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Active|Syncing)$"));
        await browser.AssertAccessibleAsync("relinked");
        await browser.ScreenshotAsync("relinked");
        browser.AssertNothingLeftTheMachine();
    }

    private async Task<JsonElement> ImapProviderAsync(TokenRequest user, string email)
    {
        using var api = world.ClientFor(user);
        var providers = await api.GetFromJsonAsync<JsonElement>($"/api/providers?email={Uri.EscapeDataString(email)}");
        return providers.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "imap");
    }

    /// <summary>The provider screen for an address no preset serves: Select a Different Provider, then the password mailbox.</summary>
    private static async Task OpenFormAsync(IPage page, string address)
    {
        await page.ClickAsync("#user-menu-button");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Link External Calendar/Email" }).ClickAsync();
        await page.FillAsync("#link-email", address);
        await page.ClickAsync("#link-email-form button[type=submit]");
        await Expect(page.Locator("#provider-choice")).ToBeVisibleAsync();
        await page.CheckAsync("#provider-imap");
        await page.ClickAsync("#provider-choice-continue");
        await Expect(page.Locator("#mailbox-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#imap-username")).ToHaveValueAsync(address);
    }

    private static async Task FillServerAsync(IPage page, TestMailbox mailbox, string password)
    {
        var servers = MailServers.Current;
        await page.FillAsync("#imap-host", servers.Host);
        await page.SelectOptionAsync("#imap-security", "ssl");
        await page.FillAsync("#imap-port", servers.ImapsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#imap-username", mailbox.Username);
        await page.FillAsync("#imap-password", password);
    }
}
