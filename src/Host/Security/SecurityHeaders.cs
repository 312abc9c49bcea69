namespace NavusoftSync.Host.Security;

/// <summary>
/// The response headers every answer carries (API, reference UI files, problem documents, 401/404):
/// a Content-Security-Policy that allows only this host's own scripts, styles and calls and no
/// framing, <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: no-referrer</c>. Set just
/// before the headers go out, so error handlers that clear the response cannot drop them. A
/// response that sets its own Content-Security-Policy keeps it (it must forbid framing too).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The reference UI is plain ES modules and one stylesheet from this host: no inline script or style, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
        + "frame-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
                headers["X-Content-Type-Options"] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["X-Frame-Options"] = "DENY";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
