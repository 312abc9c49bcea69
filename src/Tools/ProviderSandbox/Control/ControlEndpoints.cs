using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Events;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>The control API under <c>/_sandbox</c>: state, tokens, faults and the request log. Not logged, not authenticated.</summary>
internal static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(SandboxPaths.Control).AddEndpointFilter<ControlErrorFilter>();
        control.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        control.MapGet("/urls", (HttpContext http) => TypedResults.Ok(new SandboxUrls($"{http.Request.Scheme}://{http.Request.Host}").ToConfiguration()));
        control.MapPost("/reset", (SandboxReset reset) =>
        {
            reset.Run();
            return TypedResults.NoContent();
        });
        control.MapPost("/scenario", (SandboxScenario scenario, bool? reset, SandboxReset resetter, ScenarioLoader loader) =>
        {
            if (reset ?? true)
            {
                resetter.Run();
            }

            return TypedResults.Ok(loader.Load(scenario).Select(MailboxSnapshots.Info).ToList());
        });
        control.MapPut("/consent/{provider}", (string provider, string email, SandboxState state) =>
        {
            state.SetConsentDefault(
                Enum.TryParse<SandboxProvider>(provider, ignoreCase: true, out var parsed) ? parsed : throw SandboxRequestException.Invalid($"Unknown provider '{provider}'."),
                email);
            return TypedResults.NoContent();
        });
        MapMailboxes(control);
        MapItems(control.MapGroup("/mailboxes/{email}"));
        MapFaultsAndLog(control);
        return app;
    }

    private static void MapMailboxes(RouteGroupBuilder control)
    {
        control.MapGet("/mailboxes", (SandboxState state) => TypedResults.Ok(state.All.Select(MailboxSnapshots.Info).ToList()));
        control.MapPost("/mailboxes", (ScenarioMailbox mailbox, ScenarioLoader loader) =>
        {
            var created = loader.AddMailbox(mailbox);
            return TypedResults.Created($"{SandboxPaths.Control}/mailboxes/{Uri.EscapeDataString(created.Email)}", MailboxSnapshots.Of(created));
        });
        control.MapGet("/mailboxes/{email}", (string email, SandboxState state) => TypedResults.Ok(MailboxSnapshots.Of(state.Get(email))));
        control.MapDelete("/mailboxes/{email}", (string email, SandboxState state, TokenStore tokens) =>
        {
            var mailbox = state.Get(email);
            state.Remove(mailbox.Email);
            tokens.Revoke(mailbox.Email);
            return TypedResults.NoContent();
        });
    }

    private static void MapItems(RouteGroupBuilder mailbox)
    {
        mailbox.MapPost("/messages", (string email, ScenarioMessage message, SandboxState state, TimeProvider clock) =>
            TypedResults.Created((string?)null, MailboxSnapshots.Summary(state.Get(email).Mutate(data => MessageChanges.Add(data, message, clock.GetUtcNow())))));
        mailbox.MapPost("/messages/bulk", (string email, IReadOnlyList<ScenarioMessage> messages, SandboxState state, TimeProvider clock) =>
            TypedResults.Ok(new { added = BulkMessages.Add(state.Get(email), messages, clock.GetUtcNow()) }));
        mailbox.MapDelete("/messages/{id}", (string email, string id, bool? soft, SandboxState state, TimeProvider clock) =>
        {
            state.Get(email).Mutate(data => MessageChanges.Delete(data, id, soft ?? false, clock.GetUtcNow()));
            return TypedResults.NoContent();
        });
        mailbox.MapPost("/events", (string email, ScenarioEvent calendarEvent, SandboxState state, TimeProvider clock) =>
            TypedResults.Created((string?)null, MailboxSnapshots.Summary(state.Get(email).Mutate(data => EventChanges.Add(data, calendarEvent, clock.GetUtcNow())))));
        mailbox.MapPatch("/events/{id}", (string email, string id, EventUpdate update, SandboxState state, TimeProvider clock) =>
            TypedResults.Ok(MailboxSnapshots.Summary(state.Get(email).Mutate(data => EventChanges.Update(data, id, update, clock.GetUtcNow())))));
        mailbox.MapPost("/events/{id}/cancel", (string email, string id, SandboxState state, TimeProvider clock) =>
            TypedResults.Ok(MailboxSnapshots.Summary(state.Get(email).Mutate(data => EventChanges.Cancel(data, id, clock.GetUtcNow())))));
        mailbox.MapDelete("/events/{id}", (string email, string id, SandboxState state, TimeProvider clock) =>
        {
            state.Get(email).Mutate(data => EventChanges.Delete(data, id, clock.GetUtcNow()));
            return TypedResults.NoContent();
        });
        mailbox.MapPost("/tokens", (HttpContext http, string email, IssueTokensRequest? request, SandboxState state, TokenStore tokens, IdTokenWriter idTokens) =>
            TypedResults.Ok(DirectTokens.Issue(http, state.Get(email), request, tokens, idTokens)));
        mailbox.MapPost("/expire-access-tokens", (string email, SandboxState state, TokenStore tokens) =>
        {
            tokens.ExpireAccessTokens(state.Get(email).Email);
            return TypedResults.NoContent();
        });
        mailbox.MapPost("/revoke", (string email, SandboxState state, TokenStore tokens) =>
        {
            tokens.Revoke(state.Get(email).Email);
            return TypedResults.NoContent();
        });
        mailbox.MapPost("/expire-cursors", (string email, string? pathPrefix, SandboxState state) =>
        {
            state.Get(email).ExpireCursors(CursorScopes.For(pathPrefix));
            return TypedResults.NoContent();
        });
    }

    private static void MapFaultsAndLog(RouteGroupBuilder control)
    {
        control.MapPost("/faults", (FaultSpec fault, SandboxState state, FaultQueue faults, TokenStore tokens) =>
        {
            var mailbox = state.Get(fault.Mailbox);
            switch (fault.Kind)
            {
                case FaultKind.ExpireAccessTokens:
                    tokens.ExpireAccessTokens(mailbox.Email);
                    return TypedResults.Created((string?)null, new FaultCreated("applied", fault, 0));
                case FaultKind.CursorExpired:
                    mailbox.ExpireCursors(CursorScopes.For(fault.PathPrefix));
                    return TypedResults.Created((string?)null, new FaultCreated("applied", fault, 0));
                case FaultKind.OmitFromFeed:
                    return TypedResults.Created((string?)null, faults.Omit(fault with { Mailbox = mailbox.Email }, mailbox.Current.Version).ToContract());
                default:
                    return TypedResults.Created((string?)null, faults.Enqueue(fault with { Mailbox = mailbox.Email }).ToContract());
            }
        });
        control.MapGet("/faults", (FaultQueue faults) => TypedResults.Ok(faults.Pending.Select(f => f.ToContract()).ToList()));
        control.MapDelete("/faults", (FaultQueue faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });
        control.MapGet("/requests", (HttpContext http, RequestLogStore log) => TypedResults.Ok(log.Query(RequestLogFilter.From(http.Request.Query))));
        control.MapDelete("/requests", (RequestLogStore log) =>
        {
            log.Clear();
            return TypedResults.NoContent();
        });
    }
}
