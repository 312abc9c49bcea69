using System.Text.Json;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Control;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Realism;

/// <summary><c>GET|PUT /_sandbox/realism</c> and <c>DELETE /_sandbox/realism/counters</c>.</summary>
internal static class RealismEndpoints
{
    public static IEndpointRouteBuilder MapRealism(this IEndpointRouteBuilder app)
    {
        var realism = app.MapGroup(SandboxPaths.Control).AddEndpointFilter<ControlErrorFilter>();
        realism.MapGet("/realism", (RealismGate gate) => TypedResults.Ok(gate.Status()));
        realism.MapPut("/realism", async (HttpContext http, RealismGate gate) =>
        {
            var body = await ReadObjectAsync(http);
            gate.Update(settings => RealismOverrides.Apply(settings, body));
            return TypedResults.Ok(gate.Status());
        }).DisableAntiforgery();
        realism.MapDelete("/realism/counters", (RealismGate gate) =>
        {
            gate.ResetCounters();
            return TypedResults.NoContent();
        });
        return app;
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext http)
    {
        try
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken: http.RequestAborted);
            return body as JsonObject ?? throw SandboxRequestException.Invalid("The body must be a JSON object of realism settings.");
        }
        catch (JsonException exception)
        {
            throw SandboxRequestException.Invalid("The body is not valid JSON: " + exception.Message);
        }
    }
}
