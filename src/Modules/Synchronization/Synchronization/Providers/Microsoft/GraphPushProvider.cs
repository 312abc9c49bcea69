using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using NavusoftSync.Synchronization.Push;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// Microsoft Graph change-notification subscriptions through the Graph SDK: one per resource of
/// <see cref="GraphPushResources"/>, each with a fresh <c>clientState</c>, created for the longest lifetime Outlook
/// resources allow (<see cref="PushOptions.GraphLifetime"/>) and renewed by PATCHing the expiry. A mailbox holds at most
/// 1,000 subscriptions across all apps, so <see cref="SweepAsync"/> deletes ours that no link uses.
/// </summary>
internal sealed partial class GraphPushProvider(
    GraphSessionFactory sessions,
    IOptions<MicrosoftGraphOptions> graph,
    TimeProvider clock,
    ILogger<GraphPushProvider> logger) : IPushProvider
{
    /// <summary>A mailbox holds at most 1,000 subscriptions (Graph's default page is 100): more pages than this are not read.</summary>
    private const int MaxSweepPages = 20;

    /// <summary>This app's client id (the Linking module's <c>Providers:Microsoft:ClientId</c>): the sweep leaves other apps' subscriptions alone.</summary>
    private readonly string? _clientId = graph.Value.ClientId;

    public string Provider => GraphReader.ProviderName;

    public IReadOnlySet<PushResource> Resources => GraphPushResources.All;

    public async Task<PushGrant> SubscribeAsync(PushTarget target, PushResource resource, CancellationToken cancellationToken)
    {
        var secret = PushSecrets.NewSecret();
        var expiry = clock.GetUtcNow() + PushOptions.GraphLifetime;
        using var session = sessions.Open(target.Access);
        var created = await GraphPushCalls.SendAsync(
            c => session.Client.Subscriptions.PostAsync(Requested(target.WebhookBase, resource, secret, expiry), cancellationToken: c),
            $"creating the {resource} subscription",
            cancellationToken);
        if (created?.Id is not { Length: > 0 } id)
        {
            throw new ProviderUnavailableException($"Graph answered the {resource} subscription without an id.");
        }

        LogSubscribed(logger, target.Access.LinkId, resource, id);
        return new PushGrant(id, resource, secret, null, created.ExpirationDateTime ?? expiry);
    }

    public async Task<DateTimeOffset> RenewAsync(PushTarget target, PushRegistration registration, CancellationToken cancellationToken)
    {
        var expiry = clock.GetUtcNow() + PushOptions.GraphLifetime;
        using var session = sessions.Open(target.Access);
        try
        {
            var renewed = await GraphPushCalls.SendAsync(
                c => session.Client.Subscriptions[registration.Id].PatchAsync(new Subscription { ExpirationDateTime = expiry }, cancellationToken: c),
                $"renewing subscription {registration.Id}",
                cancellationToken);
            return renewed?.ExpirationDateTime ?? expiry;
        }
        catch (ProviderUnavailableException e) when (GraphPushCalls.IsNotFound(e))
        {
            throw new PushRegistrationGoneException($"Graph no longer has subscription {registration.Id}.", e);
        }
    }

    public async Task UnsubscribeAsync(PushTarget target, PushRegistration registration, CancellationToken cancellationToken)
    {
        using var session = sessions.Open(target.Access);
        await DeleteAsync(session, registration.Id, cancellationToken);
    }

    public async Task<int> SweepAsync(PushTarget target, PushIdsInUse inUse, CancellationToken cancellationToken)
    {
        using var session = sessions.Open(target.Access);
        var ours = await OursAsync(session, target.WebhookBase, cancellationToken);
        var used = ours.Count == 0 ? new HashSet<string>() : await inUse(ours, cancellationToken);
        var strays = ours.Where(id => !used.Contains(id)).ToList();
        foreach (var id in strays)
        {
            await DeleteAsync(session, id, cancellationToken);
        }

        if (strays.Count > 0)
        {
            LogSwept(logger, target.Access.LinkId, strays.Count);
        }

        return strays.Count;
    }

    /// <summary>The ids of this app's subscriptions notifying this host, over every page.</summary>
    private async Task<IReadOnlyList<string>> OursAsync(GraphSession session, string webhookBase, CancellationToken cancellationToken)
    {
        var ours = new List<string>();
        var page = await GraphPushCalls.SendAsync(c => session.Client.Subscriptions.GetAsync(cancellationToken: c), "listing subscriptions", cancellationToken);
        for (var pages = 1; page is not null; pages++)
        {
            ours.AddRange(page.Value?.Where(s => IsOurs(s, webhookBase)).Select(s => s.Id!) ?? []);
            if (page.OdataNextLink is not { } next || pages >= MaxSweepPages)
            {
                break;
            }

            page = await GraphPushCalls.SendAsync(c => session.Client.Subscriptions.WithUrl(next).GetAsync(cancellationToken: c), "listing subscriptions", cancellationToken);
        }

        return ours;
    }

    /// <summary>Ours: this host's notification URL, and this app's when Graph names the app.</summary>
    private bool IsOurs(Subscription subscription, string webhookBase) =>
        subscription.Id is { Length: > 0 }
        && GraphPushResources.IsOurs(subscription.NotificationUrl, webhookBase)
        && (subscription.ApplicationId is null || string.IsNullOrEmpty(_clientId) || string.Equals(subscription.ApplicationId, _clientId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A new subscription body for each attempt: the SDK's models keep a backing store that sends only values changed since
    /// they were last serialized, so a body sent again after a 401 would go out empty.
    /// </summary>
    private static Subscription Requested(string webhookBase, PushResource resource, string secret, DateTimeOffset expiry) => new()
    {
        ChangeType = GraphPushResources.ChangeTypes,
        Resource = GraphPushResources.PathOf(resource),
        NotificationUrl = GraphPushResources.NotificationUrl(webhookBase),
        LifecycleNotificationUrl = GraphPushResources.LifecycleUrl(webhookBase),
        ClientState = secret,
        ExpirationDateTime = expiry,
    };

    /// <summary>Deletes a subscription; one Graph no longer has counts as deleted.</summary>
    private static Task<bool> DeleteAsync(GraphSession session, string id, CancellationToken cancellationToken) =>
        GraphPushCalls.ExistsAfterAsync(c => session.Client.Subscriptions[id].DeleteAsync(cancellationToken: c), $"deleting subscription {id}", cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: Graph subscription {SubscriptionId} created on {Resource}")]
    private static partial void LogSubscribed(ILogger logger, string linkId, PushResource resource, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: deleted {Count} stray Graph subscriptions")]
    private static partial void LogSwept(ILogger logger, string linkId, int count);
}
