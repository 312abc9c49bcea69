using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

internal static class GmailEndpoints
{
    public static IEndpointRouteBuilder MapGmail(this IEndpointRouteBuilder app)
    {
        var errors = app.ServiceProvider.GetRequiredService<GoogleApiErrors>();
        var gmail = app.MapGroup(SandboxPaths.Gmail + "/users/{userId}")
            .AddEndpointFilter(new MailboxEndpointFilter(new ApiSurface("gmail", SandboxProvider.Google, errors, AcceptsAccessTokenQuery: true)));
        gmail.MapGet("/profile", GmailProfileEndpoint.Handle);
        gmail.MapGet("/messages", GmailMessagesEndpoints.List);
        gmail.MapGet("/messages/{messageId}", GmailMessagesEndpoints.Get);
        gmail.MapGet("/threads/{threadId}", GmailThreadEndpoint.Handle);
        gmail.MapGet("/history", GmailHistoryEndpoint.Handle);
        gmail.MapPost("/watch", GmailWatchEndpoints.WatchAsync).DisableAntiforgery();
        gmail.MapPost("/stop", GmailWatchEndpoints.Stop).DisableAntiforgery();
        app.MapFallback(SandboxPaths.Gmail + "/{**path}", () => GoogleApiErrors.NotFound("The sandbox does not emulate this Gmail API method."));
        return app;
    }
}
