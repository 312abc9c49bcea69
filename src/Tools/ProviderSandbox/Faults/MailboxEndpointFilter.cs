using System.Net.Http.Headers;
using NavusoftSync.Tools.ProviderSandbox.Realism;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Faults;

/// <summary>
/// Guards every data endpoint: resolves the bearer token to its mailbox (401 in the API's words otherwise), records the
/// mailbox for the request log, applies the realism (latency, the provider's rate limits), then lets a queued 429/500/503
/// fault answer instead of the endpoint.
/// </summary>
internal sealed class MailboxEndpointFilter(ApiSurface surface) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var (grant, failure) = services.GetRequiredService<TokenStore>().Authenticate(BearerToken(http.Request), surface.Provider);
        var mailbox = grant is null ? null : services.GetRequiredService<SandboxState>().Find(grant.Email);
        if (grant is null || mailbox is null || mailbox.Identity.Provider != surface.Provider)
        {
            return surface.Errors.Unauthorized(http, failure == AuthFailure.None ? AuthFailure.Invalid : failure);
        }

        http.SetMailbox(mailbox);
        http.SetClientId(grant.ClientId);
        var realism = services.GetRequiredService<RealismGate>();
        using var admission = realism.Admit(http, surface, mailbox.Email);
        await realism.DelayAsync(http);
        if (admission.Throttled is { } throttled)
        {
            return throttled;
        }

        var fault = services.GetRequiredService<FaultQueue>().TakeRequestFault(mailbox.Email, http.Request.Path, isTokenEndpoint: false);
        return fault is null ? await next(context) : surface.Errors.Fault(http, fault);
    }

    private string? BearerToken(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter;
        }

        return surface.AcceptsAccessTokenQuery ? request.Query["access_token"].ToString() : null;
    }
}
