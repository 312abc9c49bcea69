using System.Net;
using Google;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Push.Webhooks;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// Gmail watches (notifications through the configured Cloud Pub/Sub topic) and Google Calendar channels on the primary
/// calendar, made with the link's token through the readers' pipeline (<see cref="GoogleSessionFactory"/>: retries, the
/// 401 refresh, the mailbox gate). A Gmail watch is renewed by watching again; a Calendar channel cannot be extended, so
/// renewing one answers <see cref="PushRegistrationGoneException"/> and the channel is made again.
/// </summary>
internal sealed class GooglePushProvider(GoogleSessionFactory sessions, PushRouter router, IOptions<PushOptions> options, TimeProvider clock) : IPushProvider
{
    /// <summary>The Gmail labels whose changes are published: the two the mail reader reads.</summary>
    public static readonly IReadOnlyList<string> WatchedLabels = ["INBOX", "SENT"];

    private const string Me = "me";
    private const string PrimaryCalendar = "primary";

    private static readonly IReadOnlySet<PushResource> MailAndCalendar = new HashSet<PushResource> { PushResource.GmailMailbox, PushResource.GoogleCalendar };
    private static readonly IReadOnlySet<PushResource> CalendarOnly = new HashSet<PushResource> { PushResource.GoogleCalendar };

    public string Provider => GoogleReader.ProviderName;

    public IReadOnlySet<PushResource> Resources => options.Value.GmailIsOn ? MailAndCalendar : CalendarOnly;

    /// <summary>The id of a link's Gmail watch registration: Gmail has one watch per mailbox and names it nothing.</summary>
    public static string GmailRegistrationId(string linkId) => $"gmail:{linkId}";

    public Task<PushGrant> SubscribeAsync(PushTarget target, PushResource resource, CancellationToken cancellationToken) => resource switch
    {
        PushResource.GmailMailbox => WatchMailboxAsync(target, cancellationToken),
        PushResource.GoogleCalendar => WatchCalendarAsync(target, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "Google watches only the Gmail mailbox and the primary calendar."),
    };

    /// <summary>
    /// A Gmail watch is renewed by watching again (while Gmail push is on; once its topic is unset the watch is gone for us).
    /// A Calendar channel cannot be extended: it is gone, and a new one replaces it.
    /// </summary>
    public async Task<DateTimeOffset> RenewAsync(PushTarget target, PushRegistration registration, CancellationToken cancellationToken) => registration.Resource switch
    {
        PushResource.GmailMailbox when options.Value.GmailIsOn => (await WatchMailboxAsync(target, cancellationToken)).ExpiresAt,
        PushResource.GmailMailbox => throw new PushRegistrationGoneException("Gmail push is off (Providers:Google:PubSubTopic is not set): the watch is not renewed."),
        _ => throw new PushRegistrationGoneException("A Google Calendar channel cannot be extended: a new one replaces it."),
    };

    public Task UnsubscribeAsync(PushTarget target, PushRegistration registration, CancellationToken cancellationToken) => registration.Resource switch
    {
        PushResource.GmailMailbox => StopMailboxAsync(target, cancellationToken),
        _ => StopChannelAsync(target, registration, cancellationToken),
    };

    /// <summary>Google cannot list a user's channels or watches: nothing to sweep.</summary>
    public Task<int> SweepAsync(PushTarget target, PushIdsInUse inUse, CancellationToken cancellationToken) => Task.FromResult(0);

    private async Task<PushGrant> WatchMailboxAsync(PushTarget target, CancellationToken cancellationToken)
    {
        var topic = options.Value.PubSubTopic is { Length: > 0 } configured && options.Value.GmailIsOn
            ? configured.Trim()
            : throw new InvalidOperationException("Gmail push is off: Providers:Google:PubSubTopic is not set.");
        using var session = sessions.Open(target.Access);
        var answer = await GoogleCalls.SendAsync(
            () => session.Gmail.UsersWatchAsync(Me, new WatchRequest(topic, WatchedLabels, "include"), cancellationToken), "users.watch");
        var expiresAt = FromUnixMs(answer.Expiration) ?? throw new ProviderUnavailableException("Gmail's answer to users.watch has no expiration.");
        return new PushGrant(GmailRegistrationId(target.Access.LinkId), PushResource.GmailMailbox, null, null, expiresAt);
    }

    /// <summary>
    /// Gmail keeps one watch per mailbox and Cloud project: the same address linked again (in this tenant or another)
    /// shares it. It is stopped only when no other link routes to the address; otherwise the other link's renewals keep it.
    /// </summary>
    private async Task StopMailboxAsync(PushTarget target, CancellationToken cancellationToken)
    {
        var routes = await router.FindAsync(PushRoute.GmailKey(target.Access.Address), cancellationToken);
        if (routes.Any(r => r.TenantId != target.TenantId || r.LinkId != target.Access.LinkId))
        {
            return;
        }

        using var session = sessions.Open(target.Access);
        await GoogleCalls.SendAsync(() => IgnoringNotFoundAsync(() => session.Gmail.UsersStopAsync(Me, cancellationToken)), "users.stop");
    }

    private async Task<PushGrant> WatchCalendarAsync(PushTarget target, CancellationToken cancellationToken)
    {
        var requested = new Channel
        {
            Id = Guid.NewGuid().ToString(),
            Type = "web_hook",
            Address = target.WebhookBase + GoogleCalendarWebhook.Path,
            Token = PushSecrets.NewSecret(),
            Expiration = (clock.GetUtcNow() + PushOptions.CalendarChannelLifetime).ToUnixTimeMilliseconds(),
        };
        using var session = sessions.Open(target.Access);
        var answer = await GoogleCalls.SendAsync(() => session.Calendar.EventsWatchAsync(PrimaryCalendar, requested, cancellationToken), "events.watch");
        if (answer.ResourceId is not { Length: > 0 } resourceId || FromUnixMs(answer.Expiration) is not { } expiresAt)
        {
            throw new ProviderUnavailableException("Google's answer to events.watch has no resourceId or no expiration.");
        }

        return new PushGrant(requested.Id, PushResource.GoogleCalendar, requested.Token, resourceId, expiresAt);
    }

    /// <summary>A channel Google no longer has (expired, stopped) counts as stopped; one without a resource id cannot be named to Google and expires there on its own.</summary>
    private async Task StopChannelAsync(PushTarget target, PushRegistration registration, CancellationToken cancellationToken)
    {
        if (registration.ResourceId is not { Length: > 0 } resourceId)
        {
            return;
        }

        using var session = sessions.Open(target.Access);
        var channel = new Channel { Id = registration.Id, ResourceId = resourceId };
        await GoogleCalls.SendAsync(() => IgnoringNotFoundAsync(() => session.Calendar.ChannelsStopAsync(channel, cancellationToken)), "channels.stop");
    }

    private static async Task IgnoringNotFoundAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    private static DateTimeOffset? FromUnixMs(long? milliseconds) =>
        milliseconds is > 0 and < 253_402_300_800_000 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds.Value) : null;
}
