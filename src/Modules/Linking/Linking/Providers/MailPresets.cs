using System.Text.Json.Serialization;

namespace NavusoftSync.Linking.Providers;

/// <summary>A mail service's IMAP server as the provider screen fills it in: <c>security</c> is <c>ssl</c> or <c>starttls</c>.</summary>
public sealed record PresetImapServer(string Host, int Port, string Security);

/// <summary>A mail service's CalDAV root; discovery finds the calendar home from it.</summary>
public sealed record PresetCalDavServer(string Url);

/// <summary>
/// A well-known password mail service: its servers and the address domains it serves. <see cref="CalDav"/> is null for a
/// service without a documented CalDAV root; its mailbox is then linked with mail only, or with a CalDAV URL the user types.
/// </summary>
public sealed record MailPreset(string Name, IReadOnlyList<string> Domains, PresetImapServer Imap, [property: JsonPropertyName("caldav")] PresetCalDavServer? CalDav);

/// <summary>
/// The services the provider screen offers presets for, from each service's published settings for mail clients (all IMAP
/// over TLS on 993; the CalDAV roots support <c>.well-known/caldav</c> or answer <c>current-user-principal</c> at the root).
/// </summary>
internal static class MailPresets
{
    public static readonly IReadOnlyList<MailPreset> All =
    [
        Preset("iCloud", ["icloud.com", "me.com", "mac.com"], "imap.mail.me.com", "https://caldav.icloud.com"),
        Preset("Yahoo", ["yahoo.com", "ymail.com", "rocketmail.com", "yahoo.co.uk", "yahoo.ca", "yahoo.fr", "yahoo.de"], "imap.mail.yahoo.com", "https://caldav.calendar.yahoo.com"),
        Preset("Fastmail", ["fastmail.com", "fastmail.fm"], "imap.fastmail.com", "https://caldav.fastmail.com"),
        Preset("AOL", ["aol.com", "aim.com"], "imap.aol.com", calDav: null),
        Preset("Zoho Mail", ["zoho.com", "zohomail.com"], "imap.zoho.com", calDav: null),
        Preset("GMX", ["gmx.com", "gmx.us"], "imap.gmx.com", calDav: null),
        Preset("GMX (Germany, Austria, Switzerland)", ["gmx.de", "gmx.net", "gmx.at", "gmx.ch"], "imap.gmx.net", calDav: null),
        Preset("mail.com", ["mail.com", "email.com"], "imap.mail.com", calDav: null),
        Preset("WEB.DE", ["web.de"], "imap.web.de", calDav: null),
        Preset("Yandex", ["yandex.com", "yandex.ru", "ya.ru"], "imap.yandex.com", "https://caldav.yandex.ru"),
        Preset("mailbox.org", ["mailbox.org"], "imap.mailbox.org", "https://dav.mailbox.org"),
        Preset("Posteo", ["posteo.de", "posteo.net"], "posteo.de", "https://posteo.de:8443"),
    ];

    /// <summary>The preset serving this exact (lower-case) domain, or null.</summary>
    public static MailPreset? ForDomain(string? domain) =>
        domain is null ? null : All.FirstOrDefault(p => p.Domains.Contains(domain, StringComparer.Ordinal));

    /// <summary>Every preset, the one serving the address's domain first (the others in their usual order).</summary>
    public static IReadOnlyList<MailPreset> For(string? email)
    {
        var match = ForDomain(ProviderDetection.DomainOf(email));
        return match is null ? All : [match, .. All.Where(p => !ReferenceEquals(p, match))];
    }

    private static MailPreset Preset(string name, string[] domains, string imapHost, string? calDav) =>
        new(name, domains, new PresetImapServer(imapHost, 993, "ssl"), calDav is null ? null : new PresetCalDavServer(calDav));
}
