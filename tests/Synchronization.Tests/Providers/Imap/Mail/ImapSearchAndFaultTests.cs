using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.Mail;

public sealed class ImapSearchAndFaultTests : ImapMailTest
{
    [Fact]
    public async Task Look_back_search_finds_the_addresses_in_from_to_and_cc_of_inbox_and_sent_exactly()
    {
        var from = await AppendAsync("INBOX", Mail("from a", "Ann <ann@shipper.test>", Mailbox.Address));
        var cc = Mail("cc a", "other@carrier.test", Mailbox.Address);
        cc.Cc.Add(MimeKit.MailboxAddress.Parse("ANN@shipper.test"));
        var ccId = await AppendAsync("INBOX", cc);
        var to = await AppendAsync("Sent", Mail("to b", Mailbox.Address, "bob@shipper.test"));
        await AppendAsync("INBOX", Mail("lookalike", "joann@shipper.test", Mailbox.Address));
        await AppendAsync("INBOX", Mail("unrelated", "x@carrier.test", Mailbox.Address));

        var pages = await ReadAllAsync(Reader.SearchMailAsync(Access(), ["ann@shipper.test", "bob@shipper.test"], Window, Ct));

        Assert.All(pages, p => Assert.Null(p.CursorAfter));
        Assert.Equal([from, ccId, to], pages.SelectMany(p => p.Items).Select(i => i.ProviderId));
    }

    [Fact]
    public async Task A_connection_dropped_mid_fetch_is_retried_on_a_fresh_connection()
    {
        Settings["Sync:PageSize"] = "50";
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await AppendAsync("INBOX", Mail($"load {i} " + new string('x', 2_000), $"s{i}@carrier.test", Mailbox.Address)));
        }

        await using var proxy = TcpFaultProxy.Start(MailServers.Current.Host, MailServers.Current.ImapsPort);
        await RoundAsync(null, AccessThrough(proxy));
        var whole = proxy.BytesFromTarget;
        proxy.CutAfter(whole / 2, connections: 1);

        var pages = await RoundAsync(null, AccessThrough(proxy));

        Assert.Equal(ids, pages.SelectMany(p => p.Items).Select(i => i.ProviderId));
        Assert.Equal(1, proxy.Cuts);
        Assert.Equal(3, proxy.Connections);
    }

    [Fact]
    public async Task A_connection_that_keeps_dropping_fails_the_round_after_the_allowed_attempts()
    {
        for (var i = 0; i < 4; i++)
        {
            await AppendAsync("INBOX", Mail($"load {i} " + new string('x', 2_000), $"s{i}@carrier.test", Mailbox.Address));
        }

        await using var proxy = TcpFaultProxy.Start(MailServers.Current.Host, MailServers.Current.ImapsPort);
        await RoundAsync(null, AccessThrough(proxy));
        proxy.CutAfter(proxy.BytesFromTarget / 2);
        var before = proxy.Connections;

        await Assert.ThrowsAsync<ProviderUnavailableException>(() => RoundAsync(null, AccessThrough(proxy)));

        Assert.Equal(3, proxy.Connections - before);
    }

    [Fact]
    public async Task A_revoked_app_password_is_reported_rejected_and_the_round_asks_for_reauthorization()
    {
        await AppendAsync("INBOX", Mail("one", "a@carrier.test", Mailbox.Address));
        var password = new LinkedPassword(Mailbox.ServersOf(calDav: false));
        Assert.Single((await RoundAsync(null, Access(password))).SelectMany(p => p.Items));

        var old = Mailbox.Imap();
        await Mailbox.SetPasswordAsync("a-new-app-password-" + Guid.NewGuid().ToString("N"), Ct);
        await RefusedAsync(old);
        var refused = await Assert.ThrowsAsync<ReauthRequiredException>(() => RoundAsync(null, Access(password)));

        Assert.True(password.Rejected);
        Assert.Contains("new app password", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Waits until Dovecot refuses the old password: its passwd-file is re-read at most once a second, so a login in the second
    /// of the change may still pass.
    /// </summary>
    private async Task RefusedAsync(NavusoftSync.BuildingBlocks.MailServers.ImapServer old)
    {
        for (var tries = 0; ; tries++)
        {
            using var client = new MailKit.Net.Imap.ImapClient { ServerCertificateValidationCallback = (_, c, _, _) => TestMailbox.IsTestCertificate(c) };
            await client.ConnectAsync(old.Host, old.Port, MailKit.Security.SecureSocketOptions.SslOnConnect, Ct);
            try
            {
                await client.AuthenticateAsync(old.Username, old.Password, Ct);
            }
            catch (MailKit.Security.AuthenticationException)
            {
                return;
            }

            Assert.True(tries < 50, "the old password is still accepted");
            await client.DisconnectAsync(true, Ct);
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task An_unreachable_server_fails_the_round_as_unavailable()
    {
        var proxy = TcpFaultProxy.Start(MailServers.Current.Host, MailServers.Current.ImapsPort);
        var access = AccessThrough(proxy);
        await proxy.DisposeAsync();

        await Assert.ThrowsAsync<ProviderUnavailableException>(() => RoundAsync(null, access));
    }
}
