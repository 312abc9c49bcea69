namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>The lifecycle events Graph sends to a subscription's lifecycleNotificationUrl.</summary>
public enum GraphLifecycleEvent
{
    /// <summary>The subscription needs renewing (its access is about to lapse): PATCH it.</summary>
    ReauthorizationRequired,

    /// <summary>Graph removed the subscription: create a new one and catch up.</summary>
    SubscriptionRemoved,

    /// <summary>Notifications were lost: catch up with a delta.</summary>
    Missed,
}
