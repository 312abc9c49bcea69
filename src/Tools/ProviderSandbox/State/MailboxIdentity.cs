using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.State;

/// <summary>Who owns a mailbox, with the stable ids the identity providers put in tokens.</summary>
internal sealed record MailboxIdentity(
    string Email,
    SandboxProvider Provider,
    string DisplayName,
    Guid TenantId,
    Guid ObjectId,
    string GoogleSubject,
    string TimeZone)
{
    public static MailboxIdentity From(ScenarioMailbox mailbox)
    {
        var email = mailbox.Email.Trim();
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            throw SandboxRequestException.Invalid($"'{email}' is not an e-mail address.");
        }

        var domain = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..].ToLowerInvariant();
        var timeZone = string.IsNullOrWhiteSpace(mailbox.TimeZone) ? "UTC" : mailbox.TimeZone.Trim();
        if (TimeZones.Find(timeZone) is null)
        {
            throw SandboxRequestException.Invalid($"Unknown time zone '{timeZone}'.");
        }

        return new MailboxIdentity(
            email,
            mailbox.Provider,
            string.IsNullOrWhiteSpace(mailbox.DisplayName) ? DefaultName(email) : mailbox.DisplayName.Trim(),
            mailbox.TenantId ?? StableGuid("tenant:" + domain),
            StableGuid("user:" + email.ToLowerInvariant()),
            StableSubject(email.ToLowerInvariant()),
            timeZone);
    }

    public string GivenName => DisplayName.Split(' ', 2)[0];

    public string Surname => DisplayName.Contains(' ', StringComparison.Ordinal) ? DisplayName.Split(' ', 2)[1] : string.Empty;

    private static string DefaultName(string email)
    {
        var local = email[..email.IndexOf('@', StringComparison.Ordinal)];
        var words = local.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        return string.Join(' ', words);
    }

    private static Guid StableGuid(string seed) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16));

    private static string StableSubject(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("google:" + seed));
        var number = BitConverter.ToUInt64(hash, 0) % 100_000_000_000_000_000UL;
        return "1" + number.ToString("D20", CultureInfo.InvariantCulture);
    }
}
