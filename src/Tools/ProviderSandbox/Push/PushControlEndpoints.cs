using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Control;
using NavusoftSync.Tools.ProviderSandbox.Google.PubSub;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>The push part of the control API: <c>/_sandbox/push/…</c> (state, faults, lifecycle, expiry) and <c>/_sandbox/pubsub/…</c>.</summary>
internal static class PushControlEndpoints
{
    public static IEndpointRouteBuilder MapPushControl(this IEndpointRouteBuilder app)
    {
        var push = app.MapGroup(SandboxPaths.Control + "/push").AddEndpointFilter<ControlErrorFilter>();
        push.MapGet("/state", (PushState state) => TypedResults.Ok(state.Snapshot()));
        push.MapPost("/faults", (PushFaultSpec fault, SandboxState state, PushFaultQueue faults) =>
        {
            if (fault.DelayMs is < 0)
            {
                throw SandboxRequestException.Invalid("delayMs cannot be negative.");
            }

            var queued = fault with { Mailbox = state.Get(fault.Mailbox).Email };
            faults.Enqueue(queued);
            return TypedResults.Created((string?)null, queued);
        });
        push.MapDelete("/faults", (PushFaultQueue faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });
        push.MapPost("/lifecycle", async (GraphLifecycleRequest request, GraphLifecycleNotifications lifecycle, HttpContext http) =>
        {
            await lifecycle.SendAsync(request.SubscriptionId, request.LifecycleEvent, http.RequestAborted);
            return TypedResults.Accepted((string?)null);
        });
        push.MapPost("/expire", (PushExpireRequest request, PushState state) =>
        {
            state.Expire(request.Id);
            return TypedResults.NoContent();
        });
        MapPubSubControl(app.MapGroup(SandboxPaths.Control + "/pubsub").AddEndpointFilter<ControlErrorFilter>());
        return app;
    }

    private static void MapPubSubControl(RouteGroupBuilder pubSub)
    {
        pubSub.MapPost("/subscriptions", (PubSubPushSubscription subscription, PubSubSubscriptionStore store) =>
            TypedResults.Created((string?)null, store.Add(subscription)));
        pubSub.MapGet("/subscriptions", (PubSubSubscriptionStore store) => TypedResults.Ok(store.All));
        pubSub.MapDelete("/subscriptions", (PubSubSubscriptionStore store) =>
        {
            store.Clear();
            return TypedResults.NoContent();
        });
        pubSub.MapPost("/rotate-key", (PubSubKeys keys) => TypedResults.Ok(new PubSubKeyRotated(keys.Rotate())));
    }
}
