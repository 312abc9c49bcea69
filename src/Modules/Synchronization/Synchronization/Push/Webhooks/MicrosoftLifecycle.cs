namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>The Graph lifecycle events this host acts on.</summary>
internal enum MicrosoftLifecycleEvent
{
    /// <summary>The subscription needs renewing soon (its token or its expiry): the upkeep renews it.</summary>
    ReauthorizationRequired,

    /// <summary>Graph removed the subscription: the upkeep makes it again, and a delta catches what went unnotified.</summary>
    SubscriptionRemoved,

    /// <summary>Graph dropped some notifications: a delta catches up.</summary>
    Missed,
}

internal static class MicrosoftLifecycle
{
    /// <summary>The event named by a lifecycle notification's <c>lifecycleEvent</c>, or null for any other value.</summary>
    public static MicrosoftLifecycleEvent? Parse(string? lifecycleEvent) => lifecycleEvent switch
    {
        "reauthorizationRequired" => MicrosoftLifecycleEvent.ReauthorizationRequired,
        "subscriptionRemoved" => MicrosoftLifecycleEvent.SubscriptionRemoved,
        "missed" => MicrosoftLifecycleEvent.Missed,
        _ => null,
    };
}
