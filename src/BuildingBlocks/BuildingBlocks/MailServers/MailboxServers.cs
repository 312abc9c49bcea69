using System.Text.Json;
using System.Text.Json.Serialization;

namespace NavusoftSync.BuildingBlocks.MailServers;

/// <summary>How a link reaches its IMAP server: <c>ssl</c> (TLS from the first byte), <c>starttls</c>, or <c>none</c> (only where insecure servers are allowed).</summary>
public enum MailSecurity
{
    Ssl,
    StartTls,
    None,
}

/// <summary>An IMAP server and the login on it.</summary>
public sealed record ImapServer(string Host, int Port, MailSecurity Security, string Username, string Password)
{
    public override string ToString() => $"{Host}:{Port} ({Security}) as {Username}";
}

/// <summary>
/// A CalDAV account: <paramref name="Url"/> as the user gave it, <paramref name="CalendarHomeUrl"/> as discovered when linking
/// (<c>.well-known/caldav</c> → <c>current-user-principal</c> → <c>calendar-home-set</c>), and the login.
/// </summary>
public sealed record CalDavServer(string Url, string CalendarHomeUrl, string Username, string Password)
{
    public override string ToString() => $"{CalendarHomeUrl} as {Username}";
}

/// <summary>
/// A password link's credentials: what the Linking module stores encrypted (like OAuth tokens) and hands the sync as the link's
/// "access token" (<see cref="ToJson"/>, <see cref="Parse"/>). <see cref="Address"/> is the mailbox's own address. <see cref="ToString"/>
/// never shows a password, so a record logged by mistake leaks nothing.
/// </summary>
public sealed record MailboxServers(string Address, ImapServer Imap, CalDavServer? CalDav)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The credentials from <see cref="ToJson"/>; a <see cref="MailServerException"/> (NotSupported) when they are not such credentials.</summary>
    public static MailboxServers Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<MailboxServers>(json, Json) is { Imap: not null } servers
                ? servers
                : throw new MailServerException(MailServerFailure.NotSupported, "The link's stored credentials are not mail server credentials.");
        }
        catch (JsonException e)
        {
            throw new MailServerException(MailServerFailure.NotSupported, "The link's stored credentials are not mail server credentials.", e);
        }
    }

    public override string ToString() => $"{Address}: IMAP {Imap}{(CalDav is null ? string.Empty : $", CalDAV {CalDav}")}";
}
