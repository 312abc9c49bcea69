using System.Text.Json;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

/// <summary>
/// <c>/subscriptions</c>: create (after the validation handshake), list, get, renew (PATCH) and delete. A subscription
/// belongs to the token's mailbox and app: any other id, or an expired one, answers 404 <c>ResourceNotFound</c>.
/// </summary>
internal static class GraphSubscriptionEndpoints
{
    private const string ValidationFailed =
        "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.";

    public static void MapGraphSubscriptions(this RouteGroupBuilder graph)
    {
        graph.MapPost("/subscriptions", CreateAsync).DisableAntiforgery();
        graph.MapGet("/subscriptions", List);
        graph.MapGet("/subscriptions/{id}", Get);
        graph.MapPatch("/subscriptions/{id}", UpdateAsync).DisableAntiforgery();
        graph.MapDelete("/subscriptions/{id}", Delete);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, GraphErrors errors, GraphSubscriptionStore store, GraphValidationHandshake handshake, TimeProvider clock)
    {
        var owner = http.GetMailbox().Identity;
        var (request, error) = GraphSubscriptionRequest.Parse(await RequestJson.ReadObjectAsync(http), owner, clock.GetUtcNow());
        if (request is null)
        {
            return Error(http, errors, error!);
        }

        foreach (var url in new[] { request.NotificationUrl, request.LifecycleNotificationUrl }.OfType<string>())
        {
            if (!await handshake.ValidateAsync(owner.Email, url, http.RequestAborted))
            {
                return errors.BadRequest(http, "ValidationError", ValidationFailed);
            }
        }

        var subscription = new GraphSubscription
        {
            Id = Guid.NewGuid().ToString(),
            Mailbox = owner.Email,
            ClientId = http.GetClientId(),
            Resource = request.Resource,
            Target = request.Target,
            ChangeType = request.ChangeType,
            NotificationUrl = request.NotificationUrl,
            LifecycleNotificationUrl = request.LifecycleNotificationUrl,
            ClientState = request.ClientState,
            ExpirationDateTime = request.ExpirationDateTime,
            UserId = owner.ObjectId.ToString(),
            TenantId = owner.TenantId.ToString(),
        };
        store.Add(subscription);
        return Answer(http, subscription, StatusCodes.Status201Created);
    }

    private static IResult List(HttpContext http, GraphSubscriptionStore store)
    {
        var clientId = http.GetClientId();
        var owned = store.LiveOf(http.GetMailbox().Email).Where(s => s.ClientId.Equals(clientId, StringComparison.Ordinal));
        var body = new JsonObject
        {
            ["@odata.context"] = GraphResponse.Context(http, "subscriptions"),
            ["value"] = new JsonArray([.. owned.Select(s => (JsonNode)s.ToJson())]),
        };
        return GraphResponse.Ok(http, body, []);
    }

    private static IResult Get(HttpContext http, string id, GraphErrors errors, GraphSubscriptionStore store) =>
        Owned(http, id, store) is { } subscription ? Answer(http, subscription, StatusCodes.Status200OK) : NotFound(http, errors);

    private static async Task<IResult> UpdateAsync(HttpContext http, string id, GraphErrors errors, GraphSubscriptionStore store, TimeProvider clock)
    {
        if (Owned(http, id, store) is not { } subscription)
        {
            return NotFound(http, errors);
        }

        var body = await RequestJson.ReadObjectAsync(http);
        var expiration = body is null ? null : GraphSubscriptionRequest.Instant(body);
        if (GraphSubscriptionLifetime.Check(expiration, clock.GetUtcNow()) is { } error)
        {
            return Error(http, errors, error);
        }

        var renewed = subscription with { ExpirationDateTime = expiration!.Value };
        return store.Replace(subscription, renewed) ? Answer(http, renewed, StatusCodes.Status200OK) : NotFound(http, errors);
    }

    private static IResult Delete(HttpContext http, string id, GraphErrors errors, GraphSubscriptionStore store) =>
        Owned(http, id, store) is { } subscription && store.Remove(subscription.Id) ? Results.NoContent() : NotFound(http, errors);

    private static GraphSubscription? Owned(HttpContext http, string id, GraphSubscriptionStore store) =>
        store.FindOwned(id, http.GetMailbox().Email, http.GetClientId());

    private static IResult Answer(HttpContext http, GraphSubscription subscription, int status)
    {
        var body = subscription.ToJson();
        body.Insert(0, "@odata.context", GraphResponse.Context(http, "subscriptions/$entity"));
        return GraphResponse.Ok(http, body, [], status);
    }

    private static IResult NotFound(HttpContext http, GraphErrors errors) =>
        errors.Error(http, StatusCodes.Status404NotFound, "ResourceNotFound", "The object was not found.");

    private static IResult Error(HttpContext http, GraphErrors errors, GraphRequestError error) =>
        errors.Error(http, error.Status, error.Code, error.Message);
}
