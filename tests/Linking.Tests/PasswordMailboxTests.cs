using FluentValidation;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.Links;
using NavusoftSync.Linking.Links.PasswordLinking;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Tests;

public sealed class PasswordMailboxTests
{
    private static readonly Dictionary<string, string> NoDomains = [];

    private static readonly ImapLogin GoodImap = new("imap.mail.me.com", 993, "ssl", "anna@icloud.com", "abcd-efgh-ijkl-mnop");

    private static LinkPasswordMailboxValidator Validator(bool insecure = false) =>
        new(Options.Create(new MailServerOptions { AllowInsecureServers = insecure }));

    private static string[] Failing(AbstractValidator<LinkPasswordMailbox> validator, LinkPasswordMailbox command) =>
        [.. validator.Validate(command).Errors.Select(e => NavusoftSync.BuildingBlocks.Errors.ValidationErrors.ToFieldPath(e.PropertyName)).Distinct().Order(StringComparer.Ordinal)];

    private static LinkPasswordMailbox Command(ImapLogin? imap, CalDavLogin? calDav = null, string? address = null, string? userEmail = "anna@acme-hauling.com") =>
        new(imap, calDav, address, "user-1", userEmail);

    [Theory]
    [InlineData("anna@icloud.com", "iCloud")]
    [InlineData("anna@me.com", "iCloud")]
    [InlineData("anna@mac.com", "iCloud")]
    [InlineData("Bob@Yahoo.com", "Yahoo")]
    [InlineData("carl@fastmail.com", "Fastmail")]
    [InlineData("dora@aol.com", "AOL")]
    [InlineData("erik@gmx.de", "GMX (Germany, Austria, Switzerland)")]
    public void The_preset_serving_the_address_comes_first_and_makes_imap_the_suggestion(string email, string preset)
    {
        var presets = MailPresets.For(email);

        Assert.Equal(preset, presets[0].Name);
        Assert.Equal(MailPresets.All.Count, presets.Count);
        Assert.Equal(MailPresets.All.Select(p => p.Name).Order(StringComparer.Ordinal), presets.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("imap", ProviderDetection.Detect(email, NoDomains));
    }

    [Theory]
    [InlineData("bob@acme-hauling.com")]
    [InlineData("bob@icloud.com.evil.example")]
    [InlineData("bob@mail.icloud.com")]
    [InlineData(null)]
    public void Other_addresses_keep_the_usual_order_and_suggest_nothing(string? email)
    {
        Assert.Equal(MailPresets.All, MailPresets.For(email));
        Assert.Null(ProviderDetection.Detect(email, NoDomains));
    }

    [Fact]
    public void The_big_services_have_their_published_servers()
    {
        var icloud = MailPresets.ForDomain("icloud.com")!;
        Assert.Equal(new PresetImapServer("imap.mail.me.com", 993, "ssl"), icloud.Imap);
        Assert.Equal("https://caldav.icloud.com", icloud.CalDav!.Url);
        Assert.Equal(new PresetImapServer("imap.mail.yahoo.com", 993, "ssl"), MailPresets.ForDomain("yahoo.com")!.Imap);
        Assert.Equal("https://caldav.calendar.yahoo.com", MailPresets.ForDomain("yahoo.com")!.CalDav!.Url);
        Assert.Equal("https://caldav.fastmail.com", MailPresets.ForDomain("fastmail.com")!.CalDav!.Url);
        Assert.All(MailPresets.All, p => Assert.True(p.CalDav is null || p.CalDav.Url.StartsWith("https://", StringComparison.Ordinal)));
        Assert.Equal(MailPresets.All.Sum(p => p.Domains.Count), MailPresets.All.SelectMany(p => p.Domains).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Imap_is_a_password_provider_and_the_oauth_ones_stay_oauth()
    {
        Assert.Equal("password", ProviderCatalog.Get("imap").KindName);
        Assert.Equal("oauth", ProviderCatalog.Get("microsoft").KindName);
        Assert.Equal("oauth", ProviderCatalog.Get("google").KindName);
    }

    [Fact]
    public void A_complete_request_is_valid() =>
        Assert.Empty(Failing(Validator(), Command(GoodImap, new CalDavLogin("https://caldav.icloud.com", null, null))));

    [Theory]
    [InlineData("", 993, "ssl", "u", "p", "imap.host")]
    [InlineData("imap example.com", 993, "ssl", "u", "p", "imap.host")]
    [InlineData("imap.example.com/x", 993, "ssl", "u", "p", "imap.host")]
    [InlineData(" imap.example.com", 993, "ssl", "u", "p", "imap.host")]
    [InlineData("imap.example.com", 0, "ssl", "u", "p", "imap.port")]
    [InlineData("imap.example.com", 65536, "ssl", "u", "p", "imap.port")]
    [InlineData("imap.example.com", 993, "tls1.0", "u", "p", "imap.security")]
    [InlineData("imap.example.com", 993, null, "u", "p", "imap.security")]
    [InlineData("imap.example.com", 143, "none", "u", "p", "imap.security")]
    [InlineData("imap.example.com", 993, "ssl", "", "p", "imap.username")]
    [InlineData("imap.example.com", 993, "ssl", "u\r\nA1 DELETE INBOX", "p", "imap.username")]
    [InlineData("imap.example.com", 993, "ssl", "u", "", "imap.password")]
    [InlineData("imap.example.com", 993, "ssl", "u", "p\u0000", "imap.password")]
    public void Imap_fields_are_checked_one_by_one(string host, int port, string? security, string username, string password, string field) =>
        Assert.Equal([field], Failing(Validator(), Command(new ImapLogin(host, port, security, username, password))));

    [Fact]
    public void Imap_is_required_and_so_is_its_port()
    {
        Assert.Equal(["imap"], Failing(Validator(), Command(null)));
        Assert.Equal(["imap.port"], Failing(Validator(), Command(GoodImap with { Port = null })));
    }

    [Fact]
    public void Plain_imap_and_plain_http_need_insecure_servers_allowed()
    {
        var plain = Command(GoodImap with { Security = "none", Port = 143 }, new CalDavLogin("http://dav.example.com/", null, null));

        Assert.Equal(["caldav.url", "imap.security"], Failing(Validator(insecure: false), plain));
        Assert.Empty(Failing(Validator(insecure: true), plain));
    }

    [Theory]
    [InlineData("caldav.icloud.com")]
    [InlineData("/dav/")]
    [InlineData("ftp://dav.example.com/")]
    [InlineData("https://anna:secret@dav.example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public void A_caldav_url_is_an_absolute_https_url_without_user_info(string url) =>
        Assert.Equal(["caldav.url"], Failing(Validator(insecure: true), Command(GoodImap, new CalDavLogin(url, null, null))));

    [Fact]
    public void Lengths_are_bounded()
    {
        var longHost = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));
        var tooLong = Command(
            new ImapLogin(longHost, 993, "ssl", new string('u', 321), new string('p', 1025)),
            new CalDavLogin("https://dav.example.com/" + new string('x', 2048), new string('u', 321), new string('p', 1025)),
            address: new string('a', 250) + "@x.com");

        Assert.Equal(
            ["address", "caldav.password", "caldav.url", "caldav.username", "imap.host", "imap.password", "imap.username"],
            Failing(Validator(), tooLong));
    }

    [Fact]
    public void The_account_id_is_the_login_on_the_server_whatever_the_case_and_password()
    {
        var one = PasswordMailboxes.AccountId(new ImapServer("IMAP.Mail.Me.com.", 993, MailSecurity.Ssl, " Anna@iCloud.com", "one"));
        var other = PasswordMailboxes.AccountId(new ImapServer("imap.mail.me.com", 993, MailSecurity.StartTls, "anna@icloud.com", "two"));

        Assert.Equal("imap://anna%40icloud.com@imap.mail.me.com:993", one);
        Assert.Equal(one, other);
        Assert.NotEqual(one, PasswordMailboxes.AccountId(new ImapServer("imap.mail.me.com", 143, MailSecurity.StartTls, "anna@icloud.com", "one")));
        Assert.NotEqual(one, PasswordMailboxes.AccountId(new ImapServer("imap.mail.me.com", 993, MailSecurity.Ssl, "bob@icloud.com", "one")));
    }

    [Theory]
    [InlineData("anna@icloud.com", "Box@Example.com", "box@example.com")]
    [InlineData("anna@icloud.com", null, "anna@icloud.com")]
    [InlineData("anna", null, "anna@acme-hauling.com")]
    public void The_shown_account_is_the_address_else_the_user_name_when_an_address_else_the_users_own(string username, string? address, string shown)
    {
        var servers = PasswordMailboxes.Servers(Command(GoodImap with { Username = username }, address: address));

        Assert.Equal(shown, servers.Address);
    }

    [Fact]
    public void Caldav_logs_in_with_the_imap_login_unless_given_its_own()
    {
        var same = PasswordMailboxes.Servers(Command(GoodImap, new CalDavLogin("https://caldav.icloud.com", null, null)));
        var own = PasswordMailboxes.Servers(Command(GoodImap, new CalDavLogin("https://caldav.icloud.com", "cal-user", "cal-pass")));

        Assert.Equal((GoodImap.Username, GoodImap.Password), (same.CalDav!.Username, same.CalDav.Password));
        Assert.Equal(("cal-user", "cal-pass"), (own.CalDav!.Username, own.CalDav.Password));
        Assert.Null(PasswordMailboxes.Servers(Command(GoodImap)).CalDav);
    }

    [Fact]
    public void Nothing_printed_shows_a_password()
    {
        var command = Command(GoodImap, new CalDavLogin("https://caldav.icloud.com", "cal-user", "cal-secret-pass"));

        Assert.DoesNotContain(GoodImap.Password!, command.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cal-secret-pass", command.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(GoodImap.Password!, PasswordMailboxes.Servers(command).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_app_password_asks_for_a_new_one_naming_the_login()
    {
        var servers = PasswordMailboxes.Servers(Command(GoodImap));
        var link = new Link("lnk_x", "user-1", "imap", "id", "shown@icloud.com", LinkState.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

        Assert.Equal(
            "The mail server refused the app password for anna@icloud.com. Create a new app password with your mail provider and link the mailbox again with it.",
            LinkCredentialService.AppPasswordRefused(new TokenSet(servers.ToJson(), null), link));
        Assert.StartsWith("The mail server refused the app password for shown@icloud.com.", LinkCredentialService.AppPasswordRefused(null, link), StringComparison.Ordinal);
    }

    [Fact]
    public void The_throttle_counts_only_the_attempts_inside_the_window()
    {
        var now = DateTimeOffset.Parse("2026-01-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var attempts = new PasswordLinkAttempts("user-1", [now - TimeSpan.FromMinutes(11), now - TimeSpan.FromMinutes(10), now - TimeSpan.FromMinutes(9), now]);

        Assert.Equal([now - TimeSpan.FromMinutes(9), now], PasswordLinkThrottle.Recent(attempts, now));
        Assert.Empty(PasswordLinkThrottle.Recent(null, now));
    }
}
