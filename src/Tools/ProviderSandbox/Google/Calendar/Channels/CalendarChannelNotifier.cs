using System.Globalization;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Push;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar.Channels;

/// <summary>
/// Channel notifications: an empty POST to the channel's address with the <c>X-Goog-*</c> headers; <c>sync</c> right after
/// the channel is created, then <c>exists</c> whenever an event of the mailbox's calendar changes.
/// </summary>
internal sealed class CalendarChannelNotifier(CalendarChannelStore channels) : IPushSource
{
    public bool Watches(string email) => channels.Any(email);

    public IEnumerable<OutboundNotification> Notifications(MailboxChange change)
    {
        if (change.After.Identity.Provider != SandboxProvider.Google || !change.After.Events.Values.Any(e => e.Version > change.Before.Version))
        {
            return [];
        }

        return [.. channels.LiveOf(change.Email).Select(c => Notification(c, "exists"))];
    }

    public static OutboundNotification Notification(CalendarChannel channel, string state)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-Goog-Channel-ID"] = channel.Id,
            ["X-Goog-Channel-Expiration"] = channel.Expiration.UtcDateTime.ToString("r", CultureInfo.InvariantCulture),
            ["X-Goog-Resource-ID"] = channel.ResourceId,
            ["X-Goog-Resource-URI"] = channel.ResourceUri,
            ["X-Goog-Resource-State"] = state,
            ["X-Goog-Message-Number"] = channel.NextMessageNumber().ToString(CultureInfo.InvariantCulture),
        };
        if (channel.Token is { } token)
        {
            headers["X-Goog-Channel-Token"] = token;
        }

        return new OutboundNotification(channel.Mailbox, PushDeliveryKind.Calendar, channel.Address, string.Empty, null, headers);
    }
}
