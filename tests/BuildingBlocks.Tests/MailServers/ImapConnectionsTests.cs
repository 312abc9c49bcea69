using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Testing;

namespace NavusoftSync.BuildingBlocks.Tests.MailServers;

/// <summary>Logging in to the real test Dovecot, and every way it can fail, each failure a sentence of the right kind.</summary>
public sealed class ImapConnectionsTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData(MailSecurity.Ssl)]
    [InlineData(MailSecurity.StartTls)]
    [InlineData(MailSecurity.None)]
    public async Task Logs_in_with_each_kind_of_security(MailSecurity security)
    {
        var mailbox = await TestMailbox.CreateAsync(Ct);
        using var client = await Connections().OpenAsync(mailbox.Imap(security), Ct);

        Assert.True(client.IsAuthenticated);
        Assert.Equal(security != MailSecurity.None, client.IsSecure);
    }

    [Fact]
    public async Task A_wrong_password_is_a_refused_login()
    {
        var mailbox = await TestMailbox.CreateAsync(Ct);

        var failure = await Assert.ThrowsAsync<MailServerException>(() => Connections().OpenAsync(mailbox.Imap() with { Password = "wrong" }, Ct));

        Assert.Equal(MailServerFailure.LoginRefused, failure.Failure);
        Assert.DoesNotContain("wrong", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_password_is_refused_at_once()
    {
        var mailbox = await TestMailbox.CreateAsync(Ct);
        var before = mailbox.Imap();
        await mailbox.SetPasswordAsync(TestMailbox.NewPassword(), Ct);

        var failure = await Assert.ThrowsAsync<MailServerException>(() => Connections().OpenAsync(before, Ct));

        Assert.Equal(MailServerFailure.LoginRefused, failure.Failure);
        using var client = await Connections().OpenAsync(mailbox.Imap(), Ct);
        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_tls_failure()
    {
        var mailbox = await TestMailbox.CreateAsync(Ct);
        var settings = MailServersSettings();
        settings.Remove("MailServers:TrustedCertificateFile");

        var failure = await Assert.ThrowsAsync<MailServerException>(() => Connections(settings).OpenAsync(mailbox.Imap(), Ct));

        Assert.Equal(MailServerFailure.Tls, failure.Failure);
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_a_tls_failure_even_when_trusted()
    {
        var mailbox = await TestMailbox.CreateAsync(Ct);

        // The certificate names localhost and 127.0.0.1; ::ffff:127.0.0.1 reaches the same server under another name.
        var failure = await Assert.ThrowsAsync<MailServerException>(() => Connections().OpenAsync(mailbox.Imap() with { Host = "::ffff:127.0.0.1" }, Ct));

        Assert.Contains(failure.Failure, new[] { MailServerFailure.Tls, MailServerFailure.Unreachable });
    }

    [Fact]
    public async Task A_closed_port_is_unreachable()
    {
        var mailbox = await TestMailbox.CreateAsync(Ct);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var failure = await Assert.ThrowsAsync<MailServerException>(() => Connections().OpenAsync(mailbox.Imap() with { Port = port }, Ct));

        Assert.Equal(MailServerFailure.Unreachable, failure.Failure);
    }

    [Fact]
    public async Task A_server_that_is_not_imap_is_named_so()
    {
        var mailbox = await TestMailbox.CreateAsync(Ct);
        var http = NavusoftSync.Testing.MailServers.Current.CalDavRoot;

        var failure = await Assert.ThrowsAsync<MailServerException>(
            () => Connections().OpenAsync(mailbox.Imap(MailSecurity.Ssl) with { Port = http.Port }, Ct));

        Assert.Contains(failure.Failure, new[] { MailServerFailure.NotSupported, MailServerFailure.Unavailable });
    }

    [Fact]
    public async Task Loopback_servers_are_refused_unless_private_servers_are_allowed()
    {
        var mailbox = await TestMailbox.CreateAsync(Ct);
        var settings = MailServersSettings();
        settings["Linking:AllowPrivateServers"] = "false";

        var failure = await Assert.ThrowsAsync<MailServerException>(() => Connections(settings).OpenAsync(mailbox.Imap(), Ct));

        Assert.Equal(MailServerFailure.NotAllowed, failure.Failure);
    }

    [Fact]
    public async Task A_server_without_tls_is_refused_unless_insecure_servers_are_allowed()
    {
        var mailbox = await TestMailbox.CreateAsync(Ct);
        var settings = MailServersSettings();
        settings["Linking:AllowInsecureServers"] = "false";

        var failure = await Assert.ThrowsAsync<MailServerException>(() => Connections(settings).OpenAsync(mailbox.Imap(MailSecurity.None), Ct));

        Assert.Equal(MailServerFailure.NotAllowed, failure.Failure);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("17.42.251.41", true)]
    [InlineData("2a01:111:f400::1", true)]
    public void Only_public_addresses_are_public(string address, bool expected) =>
        Assert.Equal(expected, ServerAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Credentials_never_show_a_password()
    {
        var servers = new MailboxServers(
            "a@b.test", new ImapServer("imap.b.test", 993, MailSecurity.Ssl, "a", "s3cret-imap"), new CalDavServer("https://b.test/", "https://b.test/a/", "a", "s3cret-dav"));

        Assert.DoesNotContain("s3cret", servers.ToString(), StringComparison.Ordinal);
        Assert.Equal(servers, MailboxServers.Parse(servers.ToJson()));
        Assert.Equal(MailServerFailure.NotSupported, Assert.Throws<MailServerException>(() => MailboxServers.Parse("{\"access\":\"x\"}")).Failure);
    }

    private static Dictionary<string, string?> MailServersSettings() => NavusoftSync.Testing.MailServers.Configuration();

    private static ImapConnections Connections(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? MailServersSettings()).Build();
        return new ServiceCollection().AddMailServers(configuration).BuildServiceProvider().GetRequiredService<ImapConnections>();
    }
}
