using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
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

    /// <summary>
    /// The body as a JSON object. Its bytes are checked as UTF-8 first: the parser leaves names and strings undecoded
    /// until they are read, so a body that is not UTF-8 would fail only then.
    /// </summary>
    private static async Task<JsonObject> ReadObjectAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!Utf8.IsValid(bytes.Span))
        {
            throw SandboxRequestException.Invalid("The body is not UTF-8.");
        }

        try
        {
            var body = JsonNode.Parse(bytes.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            return body as JsonObject ?? throw SandboxRequestException.Invalid("The body must be a JSON object of realism settings.");
        }
        catch (JsonException exception)
        {
            throw SandboxRequestException.Invalid("The body is not valid JSON: " + exception.Message);
        }
    }
}
