using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Testing;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>
/// <see cref="CalDavDiscovery"/> against the real Radicale, and against a small HTTP server of the test that answers what a
/// hostile or broken server would: redirect loops, huge answers, entity bombs, refusals and failures.
/// </summary>
public sealed class CalDavDiscoveryTests : IAsyncLifetime
{
    private readonly HttpListener _listener = new();
    private Func<HttpListenerContext, Task> _answer = c => Respond(c, 404, string.Empty);
    private int _requests;
    private Task _serving = Task.CompletedTask;

    private string BaseUrl { get; } = $"http://127.0.0.1:{FreePort()}/";

    public Task InitializeAsync()
    {
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _serving = ServeAsync();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // Closing may bind the port once more to release it; another process may hold it by then. Nothing is left open.
        }

        await _serving;
    }

    private static CalDavDiscovery Discovery(bool allowPrivate = true) =>
        new(Options.Create(Settings(allowPrivate)), new MailServerTls(Options.Create(Settings(allowPrivate))));

    private static MailServerOptions Settings(bool allowPrivate) => new()
    {
        AllowInsecureServers = true,
        AllowPrivateServers = allowPrivate,
        TrustedCertificateFile = MailServers.Current.CertificateFile,
        CommandTimeoutSeconds = 10,
        ConnectTimeoutSeconds = 5,
    };

    [Fact]
    public async Task A_redirect_from_a_root_is_followed_to_the_real_server_and_its_calendar_home()
    {
        var box = await TestMailbox.CreateAsync();
        _answer = c => Redirect(c, MailServers.Current.CalDavRoot.AbsoluteUri);
        using var discovery = Discovery();

        var home = await discovery.DiscoverAsync(BaseUrl, box.Username, box.Password, CancellationToken.None);

        Assert.Equal(box.CalendarHome, home);
    }

    [Fact]
    public async Task The_real_server_refuses_a_wrong_password()
    {
        var box = await TestMailbox.CreateAsync();
        using var discovery = Discovery();

        var refused = await Assert.ThrowsAsync<MailServerException>(() => discovery.DiscoverAsync(MailServers.Current.CalDavRoot.AbsoluteUri, box.Username, "wrong", CancellationToken.None));

        Assert.Equal(MailServerFailure.LoginRefused, refused.Failure);
    }

    [Fact]
    public async Task A_redirect_loop_ends_after_five_hops()
    {
        _answer = c => Redirect(c, "/again/" + Guid.NewGuid().ToString("N"));
        using var discovery = Discovery();

        var failure = await Assert.ThrowsAsync<MailServerException>(() => discovery.DiscoverAsync(BaseUrl + "dav/", "anna", "pw", CancellationToken.None));

        Assert.Equal(MailServerFailure.NotSupported, failure.Failure);
        Assert.Contains("redirected more than 5 times", failure.Message, StringComparison.Ordinal);
        Assert.Equal(CalDavDiscovery.MaxRedirects + 1, _requests);
    }

    [Fact]
    public async Task An_answer_larger_than_the_cap_is_refused()
    {
        var huge = "<d:multistatus xmlns:d=\"DAV:\">" + new string(' ', CalDavDiscovery.MaxResponseBytes) + "</d:multistatus>";
        _answer = c => Respond(c, 207, huge);
        using var discovery = Discovery();

        var failure = await Assert.ThrowsAsync<MailServerException>(() => discovery.DiscoverAsync(BaseUrl + "dav/", "anna", "pw", CancellationToken.None));

        Assert.Equal(MailServerFailure.NotSupported, failure.Failure);
        Assert.Contains("larger than", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entity_bomb_is_not_expanded()
    {
        const string bomb = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">" +
            "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&c;</d:href></d:response></d:multistatus>";
        _answer = c => Respond(c, 207, bomb);
        using var discovery = Discovery();

        var failure = await Assert.ThrowsAsync<MailServerException>(() => discovery.DiscoverAsync(BaseUrl + "dav/", "anna", "pw", CancellationToken.None));

        Assert.Equal(MailServerFailure.NotSupported, failure.Failure);
    }

    [Theory]
    [InlineData(401, "", MailServerFailure.LoginRefused)]
    [InlineData(503, "", MailServerFailure.Unavailable)]
    [InlineData(507, "", MailServerFailure.Unavailable)]
    [InlineData(200, "<html><body>Welcome</body></html>", MailServerFailure.NotSupported)]
    [InlineData(405, "", MailServerFailure.NotSupported)]
    [InlineData(207, "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/dav/</d:href></d:response></d:multistatus>", MailServerFailure.NotSupported)]
    [InlineData(207, "{\"not\": \"xml\"}", MailServerFailure.NotSupported)]
    public async Task Each_kind_of_answer_is_a_failure_of_its_kind(int status, string body, MailServerFailure expected)
    {
        _answer = c => Respond(c, status, body);
        using var discovery = Discovery();

        var failure = await Assert.ThrowsAsync<MailServerException>(() => discovery.DiscoverAsync(BaseUrl, "anna", "pw", CancellationToken.None));

        Assert.Equal(expected, failure.Failure);
        Assert.DoesNotContain("pw", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_principal_on_a_private_network_is_not_reached_when_private_servers_are_off()
    {
        using var discovery = Discovery(allowPrivate: false);

        var failure = await Assert.ThrowsAsync<MailServerException>(() => discovery.DiscoverAsync(BaseUrl, "anna", "pw", CancellationToken.None));

        Assert.Equal(MailServerFailure.NotAllowed, failure.Failure);
        Assert.Equal(0, _requests);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            await _answer(context);
        }
    }

    private static Task Redirect(HttpListenerContext context, string location)
    {
        context.Response.RedirectLocation = location;
        return Respond(context, 301, string.Empty);
    }

    private static async Task Respond(HttpListenerContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        try
        {
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // the client stopped reading (an answer over the cap): nothing more to send
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
