using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using NavusoftSync.BuildingBlocks.MailServers;

namespace NavusoftSync.Testing;

/// <summary>
/// A fresh user on the test Dovecot and Radicale (<see cref="MailServers"/>): a unique name, a random password, the address
/// <c>{user}@mail.test</c>, an empty INBOX and Sent. Seeds mail through IMAP APPEND and events through CalDAV PUT, and changes
/// or revokes the password the way an administrator would (Radicale reads its user file on every request, Dovecot at most once a second: a new user or password is waited for until Dovecot takes it).
/// </summary>
public sealed class TestMailbox
{
    private static readonly SemaphoreSlim UsersLock = new(1, 1);

    private TestMailbox(string username, string password)
    {
        Username = username;
        Password = password;
    }

    public string Username { get; }

    public string Password { get; private set; }

    public string Address => $"{Username}@mail.test";

    public static MailServersInfo Servers => MailServers.Current;

    public static async Task<TestMailbox> CreateAsync(CancellationToken cancellationToken = default)
    {
        var mailbox = new TestMailbox("u" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), NewPassword());
        await mailbox.WriteUserAsync(mailbox.Password, cancellationToken);
        await mailbox.UntilAsync(accepts: true, mailbox.Password, cancellationToken);
        return mailbox;
    }

    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', '_').Replace('+', '-');

    public ImapServer Imap(MailSecurity security = MailSecurity.Ssl) =>
        new(Servers.Host, security == MailSecurity.Ssl ? Servers.ImapsPort : Servers.ImapPort, security, Username, Password);

    public Uri CalendarHome => new(Servers.CalDavRoot, Username + "/");

    public CalDavServer CalDav() => new(Servers.CalDavRoot.AbsoluteUri, CalendarHome.AbsoluteUri, Username, Password);

    public MailboxServers ServersOf(bool calDav = true) => new(Address, Imap(), calDav ? CalDav() : null);

    /// <summary>
    /// Both servers take <paramref name="password"/> from now on; answers once Dovecot refuses the old one and accepts the new one
    /// (it reads its user file again at most once a second, Radicale on every request).
    /// </summary>
    public async Task SetPasswordAsync(string password, CancellationToken cancellationToken = default)
    {
        var old = Password;
        await WriteUserAsync(password, cancellationToken);
        Password = password;
        await UntilAsync(accepts: false, old, cancellationToken);
        await UntilAsync(accepts: true, password, cancellationToken);
    }

    /// <summary>Waits (10 s at most) until Dovecot, which reads its user file again at most once a second, accepts or refuses a password.</summary>
    private async Task UntilAsync(bool accepts, string password, CancellationToken cancellationToken)
    {
        for (var attempt = 0; await AcceptsAsync(password, cancellationToken) != accepts; attempt++)
        {
            if (attempt == 100)
            {
                throw new InvalidOperationException($"Dovecot still {(accepts ? "refuses" : "accepts")} the password of {Username} after 10 seconds.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<bool> AcceptsAsync(string password, CancellationToken cancellationToken)
    {
        using var client = new ImapClient { ServerCertificateValidationCallback = (_, certificate, _, _) => IsTestCertificate(certificate) };
        await client.ConnectAsync(Servers.Host, Servers.ImapsPort, SecureSocketOptions.SslOnConnect, cancellationToken);
        try
        {
            await client.AuthenticateAsync(Username, password, cancellationToken);
            return true;
        }
        catch (AuthenticationException)
        {
            return false;
        }
    }

    /// <summary>A logged-in MailKit client on IMAPS that trusts the test certificate.</summary>
    public async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var client = new ImapClient { ServerCertificateValidationCallback = (_, certificate, _, _) => IsTestCertificate(certificate) };
        await client.ConnectAsync(Servers.Host, Servers.ImapsPort, SecureSocketOptions.SslOnConnect, cancellationToken);
        await client.AuthenticateAsync(Username, Password, cancellationToken);
        return client;
    }

    /// <summary>Appends a message to a folder (<c>INBOX</c>, <c>Sent</c>, or one it creates), answering its UID.</summary>
    public async Task<UniqueId> AppendAsync(string folder, MimeMessage message, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(cancellationToken);
        var target = await FolderAsync(client, folder, create: true, cancellationToken);
        var uid = await target.AppendAsync(message, MessageFlags.Seen, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return uid ?? throw new InvalidOperationException("The server answered no UID (UIDPLUS).");
    }

    public async Task DeleteFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(cancellationToken);
        await (await FolderAsync(client, folder, create: false, cancellationToken)).DeleteAsync(cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Gives a folder a new UIDVALIDITY (as a server does when it rebuilds its indexes): every UID the client knew is void.</summary>
    public async Task ChangeUidValidityAsync(string folder, CancellationToken cancellationToken = default)
    {
        var validity = RandomNumberGenerator.GetInt32(1_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync("doveadm", ["-c", Servers.DovecotConfig, "mailbox", "update", "-u", Username, "--uid-validity", validity, folder], cancellationToken);
    }

    /// <summary>An HTTP client for Radicale with the user's basic auth that trusts the test certificate.</summary>
    public HttpClient CalDavHttp()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => IsTestCertificate(certificate) },
        };
        var http = new HttpClient(handler) { BaseAddress = Servers.CalDavRoot, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.ConnectionClose = true; // Radicale may close an idle kept-alive connection as it is reused
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        return http;
    }

    /// <summary>Makes a calendar collection (MKCALENDAR) under the user's calendar home; answers its URL (ends with <c>/</c>).</summary>
    public async Task<Uri> CreateCalendarAsync(string name, CancellationToken cancellationToken = default)
    {
        using var http = CalDavHttp();
        using (var principal = new HttpRequestMessage(new HttpMethod("PROPFIND"), CalendarHome) { Headers = { { "Depth", "0" } } })
        using (await http.SendAsync(principal, cancellationToken))
        {
            // Radicale makes the user's principal collection on the user's first request.
        }

        var calendar = new Uri(CalendarHome, Uri.EscapeDataString(name) + "/");
        const string body = """
            <?xml version="1.0" encoding="utf-8"?>
            <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:set><D:prop><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set>
            </C:mkcalendar>
            """;
        using var request = new HttpRequestMessage(new HttpMethod("MKCALENDAR"), calendar) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return calendar;
    }

    /// <summary>Stores an event resource (<paramref name="name"/>, e.g. <c>standup.ics</c>) in a calendar; answers its URL.</summary>
    public async Task<Uri> PutEventAsync(Uri calendar, string name, string ics, CancellationToken cancellationToken = default)
    {
        using var http = CalDavHttp();
        var resource = new Uri(calendar, Uri.EscapeDataString(name));
        using var content = new StringContent(ics, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/calendar") { CharSet = "utf-8" };
        using var response = await http.PutAsync(resource, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {resource} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return resource;
    }

    public async Task DeleteEventAsync(Uri calendar, string name, CancellationToken cancellationToken = default)
    {
        using var http = CalDavHttp();
        using var response = await http.DeleteAsync(new Uri(calendar, Uri.EscapeDataString(name)), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static bool IsTestCertificate(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var expected = X509CertificateLoader.LoadCertificateFromFile(Servers.CertificateFile);
        return certificate.GetCertHash().AsSpan().SequenceEqual(expected.GetCertHash());
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string folder, bool create, CancellationToken cancellationToken)
    {
        if (string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return client.Inbox;
        }

        var root = client.GetFolder(client.PersonalNamespaces[0]);
        try
        {
            return await client.GetFolderAsync(folder, cancellationToken);
        }
        catch (FolderNotFoundException) when (create)
        {
            return await root.CreateAsync(folder, isMessageFolder: true, cancellationToken) ?? throw new InvalidOperationException($"Could not create {folder}.");
        }
    }

    /// <summary>Writes this user's line in both user files (under a lock that other test processes honour too).</summary>
    private async Task WriteUserAsync(string password, CancellationToken cancellationToken)
    {
        await UsersLock.WaitAsync(cancellationToken);
        try
        {
            using var crossProcess = await CrossProcessLockAsync(cancellationToken);
            var (uid, gid) = (await IdAsync("-u", cancellationToken), await IdAsync("-g", cancellationToken));
            var home = Path.Combine(Servers.MailHome, Username);
            Rewrite(Servers.DovecotPasswdFile, Username, $"{Username}:{{PLAIN}}{password}:{uid}:{gid}::{home}::");
            Rewrite(Servers.RadicaleUsersFile, Username, $"{Username}:{password}");
        }
        finally
        {
            UsersLock.Release();
        }
    }

    /// <summary>Replaces (or adds) the user's line, atomically, with a newer modification time so a server that caches by mtime reads it again.</summary>
    private static void Rewrite(string file, string username, string line)
    {
        var before = File.GetLastWriteTimeUtc(file);
        var lines = File.ReadAllLines(file).Where(l => !l.StartsWith(username + ":", StringComparison.Ordinal)).Append(line);
        var temporary = file + ".tmp";
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, file, overwrite: true);
        var now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(file, now > before.AddSeconds(1) ? now : before.AddSeconds(1));
    }

    private static async Task<FileStream> CrossProcessLockAsync(CancellationToken cancellationToken)
    {
        var path = Servers.DovecotPasswdFile + ".lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static async Task<string> IdAsync(string flag, CancellationToken cancellationToken) =>
        (await RunAsync("id", [flag, Servers.MailUser], cancellationToken)).Trim();

    private static async Task<string> RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {file}.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {errors}");
    }
}
