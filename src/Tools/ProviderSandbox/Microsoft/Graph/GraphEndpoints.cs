using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

internal static class GraphEndpoints
{
    public static IEndpointRouteBuilder MapGraph(this IEndpointRouteBuilder app)
    {
        var errors = app.ServiceProvider.GetRequiredService<GraphErrors>();
        var graph = app.MapGroup(SandboxPaths.Graph)
            .AddEndpointFilter(new MailboxEndpointFilter(new ApiSurface("graph", SandboxProvider.Microsoft, errors, AcceptsAccessTokenQuery: false)));
        graph.MapGet("/me", GraphItemEndpoints.Me);
        graph.MapGet("/me/mailFolders/{folderId}", GraphItemEndpoints.MailFolder);
        graph.MapGet("/me/mailFolders/{folderId}/messages", MessageListEndpoint.Folder);
        graph.MapGet("/me/mailFolders/{folderId}/messages/delta", MessageDeltaEndpoint.Handle);
        graph.MapGet("/me/messages", MessageListEndpoint.Mailbox);
        graph.MapGet("/me/messages/{messageId}", GraphItemEndpoints.Message);
        graph.MapGet("/me/calendarView/delta", CalendarViewDeltaEndpoint.Handle);
        graph.MapGet("/me/events/{eventId}", GraphItemEndpoints.Event);
        graph.MapGraphSubscriptions();
        graph.MapPost("/$batch", GraphBatchEndpoint.Handle).DisableAntiforgery();
        app.MapFallback(SandboxPaths.Graph + "/{**path}", (HttpContext http, string? path) =>
            errors.BadRequest(http, "BadRequest", $"Resource not found for the segment '{path?.Split('/')[^1]}' (the sandbox does not emulate this Graph call)."));
        return app;
    }
}
