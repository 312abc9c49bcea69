using System.Diagnostics;
using System.Text.Json;

namespace NavusoftSync.Testing;

/// <summary>What <c>scripts/mailservers.sh</c> started: Dovecot (IMAP) and Radicale (CalDAV) with a self-signed certificate for localhost.</summary>
public sealed record MailServersInfo(
    string Host,
    int ImapsPort,
    int ImapPort,
    Uri CalDavRoot,
    string CertificateFile,
    string DovecotPasswdFile,
    string DovecotConfig,
    string MailHome,
    string MailUser,
    string RadicaleUsersFile,
    string RadicaleCollections);

/// <summary>
/// The real mail servers tests run against: those described by <c>NAVUSOFTSYNC_MAIL_ENV</c> when set (the test command
/// starts them), otherwise started on demand through <c>scripts/mailservers.sh</c>, like <see cref="PostgresServer"/>.
/// Each test makes its own users (<see cref="TestMailbox"/>), so test classes share the servers without sharing data.
/// </summary>
public static class MailServers
{
    private static readonly Lazy<MailServersInfo> Info = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    public static MailServersInfo Current => Info.Value;

    /// <summary>
    /// The settings a host or a reader needs to reach these servers: their certificate trusted, loopback addresses allowed,
    /// and servers without TLS allowed (tests of the plain IMAP port).
    /// </summary>
    public static Dictionary<string, string?> Configuration() => new()
    {
        ["MailServers:TrustedCertificateFile"] = Current.CertificateFile,
        ["Linking:AllowPrivateServers"] = "true",
        ["Linking:AllowInsecureServers"] = "true",
    };

    private static MailServersInfo Resolve()
    {
        var path = Environment.GetEnvironmentVariable("NAVUSOFTSYNC_MAIL_ENV");
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            path = Start();
        }

        return JsonSerializer.Deserialize<MailServersInfo>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{path} does not describe the mail servers.");
    }

    private static string Start()
    {
        var script = PostgresServer.FindRepositoryFile("scripts/mailservers.sh")
            ?? throw new InvalidOperationException("Set NAVUSOFTSYNC_MAIL_ENV or run the tests from the repository (scripts/mailservers.sh).");
        var start = new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run scripts/mailservers.sh.");
        process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var env = Path.Combine(Environment.GetEnvironmentVariable("NAVUSOFTSYNC_MAIL_DIR") ?? Path.Combine(Path.GetTempPath(), $"navusoftsync-mail-{UserId()}"), "env.json");
        return process.ExitCode == 0 && File.Exists(env)
            ? env
            : throw new InvalidOperationException($"scripts/mailservers.sh start failed: {errors}");
    }

    private static string UserId()
    {
        var id = new ProcessStartInfo("id", ["-u"]) { RedirectStandardOutput = true };
        using var process = Process.Start(id)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
