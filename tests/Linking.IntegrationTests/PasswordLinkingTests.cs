using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Linking.Links.PasswordLinking;
using NavusoftSync.Testing;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>The linking world plus the real Dovecot and Radicale of the test script, trusted and reachable on loopback; <c>imap</c> enabled.</summary>
public sealed class MailServerLinkingHost : LinkingHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => MailServers.Configuration();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var enabled = await App.ClientFor(Tokens.Admin(Tenant)).PutAsJsonAsync("/api/admin/providers/imap", new { enabled = true, reviewTicket = "TR-1018" });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
    }

    /// <summary>A user of <paramref name="app"/> (another host on the same database, with other settings).</summary>
    public HttpClient UserOn(NavusoftApp app, string sub) =>
        app.ClientFor(new TokenRequest(sub, Tenant, $"{sub}@{Tenant}.test", "Office User", NavusoftClaims.UserRole));
}

/// <summary>
/// <c>POST /api/me/links</c> with <c>provider: "imap"</c> through the real host, against the real Dovecot (IMAPS and STARTTLS) and
/// Radicale (CalDAV over https): both logins before anything is stored, every failure a 400 naming <c>imap</c> or <c>caldav</c>,
/// the throttle, relinking, and the password nowhere but in the encrypted credentials.
/// </summary>
public sealed class PasswordLinkingTests(MailServerLinkingHost host) : IClassFixture<MailServerLinkingHost>
{
    private static MailServersInfo Servers => MailServers.Current;

    private static object Body(TestMailbox box, string? password = null, int? port = null, string security = "ssl", object? caldav = null, string? address = null, string? host = null) => new
    {
        provider = "imap",
        imap = new { host = host ?? Servers.Host, port = port ?? Servers.ImapsPort, security, username = box.Username, password = password ?? box.Password },
        caldav,
        address = address ?? box.Address,
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient user, object body) => user.PostAsJsonAsync("/api/me/links", body);

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertValidationProblemAsync(field);
        return problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task A_mailbox_links_with_imap_only_at_once_and_its_sync_starts()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var user = host.UserClient(LinkingHost.NewUser());

        var linked = await (await PostAsync(user, Body(box))).OkJsonAsync();

        Assert.Equal(("Active", box.Address, "imap", false), (linked.Str("status"), linked.Str("externalAccount"), linked.Str("provider"), linked.GetProperty("relinked").GetBoolean()));
        Assert.Contains(box.Address, linked.Str("message"), StringComparison.Ordinal);
        var linkId = linked.Str("linkId");
        var token = await host.AccessTokenAsync(linkId);
        Assert.Equal((AccessTokenOutcome.Granted, "imap", box.Address), (token.Outcome, token.Provider, token.ExternalAccount));
        var stored = MailboxServers.Parse(token.AccessToken!);
        Assert.Equal((Servers.Host, Servers.ImapsPort, MailSecurity.Ssl, box.Username, box.Password), (stored.Imap.Host, stored.Imap.Port, stored.Imap.Security, stored.Imap.Username, stored.Imap.Password));
        Assert.Null(stored.CalDav);
        Assert.Equal(DateTimeOffset.MaxValue, (await host.LoadAsync<LinkCredentials>(linkId))!.AccessTokenExpiresAt);
        await host.WaitForPublishedEventsAsync();
        Assert.Single(host.Received.Of<LinkEstablished>(linkId));
    }

    [Fact]
    public async Task A_caldav_root_url_is_discovered_down_to_the_calendar_home_over_starttls_imap()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var user = host.UserClient(LinkingHost.NewUser());

        var linked = await (await PostAsync(user, Body(box, port: Servers.ImapPort, security: "starttls", caldav: new { url = Servers.CalDavRoot.AbsoluteUri }))).OkJsonAsync();

        var stored = MailboxServers.Parse((await host.AccessTokenAsync(linked.Str("linkId"))).AccessToken!);
        Assert.Equal(MailSecurity.StartTls, stored.Imap.Security);
        Assert.Equal(box.CalDav().CalendarHomeUrl, stored.CalDav!.CalendarHomeUrl);
        Assert.Equal((Servers.CalDavRoot.AbsoluteUri, box.Username, box.Password), (stored.CalDav.Url, stored.CalDav.Username, stored.CalDav.Password));
    }

    [Fact]
    public async Task A_caldav_url_that_is_the_calendar_home_itself_is_kept()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var home = box.CalDav().CalendarHomeUrl;

        var linked = await (await PostAsync(host.UserClient(LinkingHost.NewUser()), Body(box, caldav: new { url = home }))).OkJsonAsync();

        Assert.Equal(home, MailboxServers.Parse((await host.AccessTokenAsync(linked.Str("linkId"))).AccessToken!).CalDav!.CalendarHomeUrl);
    }

    [Fact]
    public async Task A_wrong_imap_password_is_a_400_naming_imap_and_nothing_is_stored()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var user = host.UserClient(LinkingHost.NewUser());

        var error = await FieldErrorAsync(await PostAsync(user, Body(box, password: "not-the-password")), "imap");

        Assert.Contains("refused", error, StringComparison.Ordinal);
        Assert.Contains($"{Servers.Host}:{Servers.ImapsPort}", error, StringComparison.Ordinal);
        Assert.Equal(0, (await (await user.GetAsync("/api/me/links")).OkJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_wrong_caldav_password_is_a_400_naming_caldav_and_nothing_is_stored()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var user = host.UserClient(LinkingHost.NewUser());

        var error = await FieldErrorAsync(await PostAsync(user, Body(box, caldav: new { url = Servers.CalDavRoot.AbsoluteUri, password = "not-the-password" })), "caldav");

        Assert.Contains("refused", error, StringComparison.Ordinal);
        Assert.Equal(0, (await (await user.GetAsync("/api/me/links")).OkJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_closed_port_is_an_unreachable_server()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var port = ClosedPort();

        var error = await FieldErrorAsync(await PostAsync(host.UserClient(LinkingHost.NewUser()), Body(box, port: port)), "imap");

        Assert.Contains($"did not accept a connection on port {port}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_is_an_unreachable_server()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);

        var error = await FieldErrorAsync(await PostAsync(host.UserClient(LinkingHost.NewUser()), Body(box, host: "no-such-host.invalid")), "imap");

        Assert.Contains("could not be found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_the_host_does_not_trust_is_a_tls_failure_for_imap_and_caldav()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var untrusting = host.StartHost(new Dictionary<string, string?> { ["MailServers:TrustedCertificateFile"] = string.Empty });
        var user = host.UserOn(untrusting, LinkingHost.NewUser());

        var imap = await FieldErrorAsync(await PostAsync(user, Body(box)), "imap");
        var starttls = await FieldErrorAsync(await PostAsync(user, Body(box, port: Servers.ImapPort, security: "starttls")), "imap");

        Assert.Contains("TLS", imap, StringComparison.Ordinal);
        Assert.Contains("TLS", starttls, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_server_that_is_not_caldav_is_named_as_such()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var notCalDav = host.Sandbox.Urls.BaseUrl.TrimEnd('/') + "/";

        var error = await FieldErrorAsync(await PostAsync(host.UserClient(LinkingHost.NewUser()), Body(box, caldav: new { url = notCalDav })), "caldav");

        Assert.Contains("is not a CalDAV server", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Servers_on_private_networks_are_refused_unless_allowed()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var strict = host.StartHost(new Dictionary<string, string?> { ["Linking:AllowPrivateServers"] = "false" });

        var error = await FieldErrorAsync(await PostAsync(host.UserOn(strict, LinkingHost.NewUser()), Body(box)), "imap");

        Assert.Contains("private or local network", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_imap_is_refused_unless_insecure_servers_are_allowed()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var strict = host.StartHost(new Dictionary<string, string?> { ["Linking:AllowInsecureServers"] = "false" });

        var response = await PostAsync(host.UserOn(strict, LinkingHost.NewUser()), Body(box, port: Servers.ImapPort, security: "none", caldav: new { url = "http://localhost:1/" }));

        await response.AssertValidationProblemAsync("imap.security", "caldav.url");
    }

    [Fact]
    public async Task A_tenant_that_has_not_enabled_imap_gets_a_403_and_no_login_is_tried()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var user = host.UserClient(LinkingHost.NewUser(), tenant: "tenant-without-imap");

        var problem = await (await PostAsync(user, Body(box, port: ClosedPort()))).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("Ticket Request", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_fields_are_named_one_by_one()
    {
        var user = host.UserClient(LinkingHost.NewUser());

        await (await PostAsync(user, new { provider = "imap" })).AssertValidationProblemAsync("imap");
        var bad = new
        {
            provider = "imap",
            imap = new { host = "imap example.com", port = 0, security = "tls1.0", username = "", password = new string('p', 2000) },
            caldav = new { url = "https://anna:secret@dav.example.com/" },
            address = "not an address",
        };
        await (await PostAsync(user, bad)).AssertValidationProblemAsync("imap.host", "imap.port", "imap.security", "imap.username", "imap.password", "caldav.url", "address");
        await (await PostAsync(user, new { provider = "imap", imap = new { host = "x.example", port = "nine", security = "ssl" } })).AssertValidationProblemAsync("imap.port");
    }

    [Fact]
    public async Task A_user_gets_ten_attempts_in_ten_minutes_then_a_429()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var user = host.UserClient(LinkingHost.NewUser());
        var closed = Body(box, port: ClosedPort());
        for (var i = 0; i < PasswordLinkThrottle.MaxAttempts; i++)
        {
            await FieldErrorAsync(await PostAsync(user, closed), "imap");
        }

        var throttled = await (await PostAsync(user, Body(box))).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Try again after", throttled.Str("detail"), StringComparison.Ordinal);
        await (await PostAsync(host.UserClient(LinkingHost.NewUser()), Body(box))).OkJsonAsync(); // another user is not held back

        host.Clock.Advance(PasswordLinkThrottle.Window);
        await (await PostAsync(user, Body(box))).OkJsonAsync();
    }

    [Fact]
    public async Task A_refused_app_password_asks_for_a_new_one_and_linking_again_with_it_makes_the_link_active()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var user = host.UserClient(LinkingHost.NewUser());
        var linkId = (await (await PostAsync(user, Body(box))).OkJsonAsync()).Str("linkId");
        var token = await host.AccessTokenAsync(linkId);
        await box.SetPasswordAsync("second-app-password");

        var refused = await host.AccessTokenAsync(linkId, rejected: token.AccessToken);

        var sentence = $"The mail server refused the app password for {box.Username}. Create a new app password with your mail provider and link the mailbox again with it.";
        Assert.Equal((AccessTokenOutcome.ReauthRequired, sentence), (refused.Outcome, refused.Reason));
        Assert.Null(await host.LoadAsync<LinkCredentials>(linkId));
        var listed = (await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray().Single(l => l.Str("linkId") == linkId);
        Assert.Equal(("ReauthRequired", sentence), (listed.Str("status"), listed.Str("reauthReason")));
        Assert.Equal(AccessTokenOutcome.ReauthRequired, (await host.AccessTokenAsync(linkId)).Outcome);

        var relinked = await (await PostAsync(user, Body(box, password: "second-app-password"))).OkJsonAsync();

        Assert.Equal((linkId, "Active", true), (relinked.Str("linkId"), relinked.Str("status"), relinked.GetProperty("relinked").GetBoolean()));
        var fresh = await host.AccessTokenAsync(linkId);
        Assert.Equal("second-app-password", MailboxServers.Parse(fresh.AccessToken!).Imap.Password);
        Assert.Equal(JsonValueKind.Null, (await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray().Single(l => l.Str("linkId") == linkId).GetProperty("reauthReason").ValueKind);
    }

    [Fact]
    public async Task A_token_reported_rejected_that_is_not_the_stored_one_changes_nothing()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var linkId = (await (await PostAsync(host.UserClient(LinkingHost.NewUser()), Body(box))).OkJsonAsync()).Str("linkId");

        var answer = await host.AccessTokenAsync(linkId, rejected: "{\"imap\":\"an older password\"}");

        Assert.Equal(AccessTokenOutcome.Granted, answer.Outcome);
        Assert.Equal(box.Password, MailboxServers.Parse(answer.AccessToken!).Imap.Password);
    }

    [Fact]
    public async Task Unlinking_deletes_the_credentials()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var user = host.UserClient(LinkingHost.NewUser());
        var linkId = (await (await PostAsync(user, Body(box))).OkJsonAsync()).Str("linkId");
        Assert.NotNull(await host.LoadAsync<LinkCredentials>(linkId));

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);

        Assert.Null(await host.LoadAsync<LinkCredentials>(linkId));
        Assert.Equal(AccessTokenOutcome.Unlinked, (await host.AccessTokenAsync(linkId)).Outcome);
    }

    [Fact]
    public async Task The_passwords_are_in_no_event_log_answer_or_stored_row()
    {
        var box = await TestMailbox.CreateAsync(CancellationToken.None);
        var user = host.UserClient(LinkingHost.NewUser());
        var wrong = $"wrong-{Guid.NewGuid():N}";
        var answers = new List<string>
        {
            await (await PostAsync(user, Body(box, password: wrong))).Content.ReadAsStringAsync(),
            await (await PostAsync(user, Body(box, caldav: new { url = Servers.CalDavRoot.AbsoluteUri, password = wrong }))).Content.ReadAsStringAsync(),
        };
        var linked = await PostAsync(user, Body(box, caldav: new { url = Servers.CalDavRoot.AbsoluteUri }));
        answers.Add(await linked.Content.ReadAsStringAsync());
        var linkId = (await linked.OkJsonAsync()).Str("linkId");
        answers.Add(await (await user.GetAsync("/api/me/links")).Content.ReadAsStringAsync());
        await host.WaitForPublishedEventsAsync();

        var events = await (await host.App.ClientFor(Tokens.Admin(LinkingHost.Tenant)).GetAsync($"/api/audit/streams/{linkId}/events")).OkJsonAsync();
        Assert.Contains("linking.linked", events.GetRawText(), StringComparison.Ordinal);
        var dump = await DatabaseDump.TextAsync(host.ConnectionString);
        Assert.Contains("link_credentials", dump, StringComparison.Ordinal);
        foreach (var secret in new[] { box.Password, wrong })
        {
            Assert.DoesNotContain(secret, events.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(answers, a => a.Contains(secret, StringComparison.Ordinal));
        }
    }
}
