using System.Text;
using System.Text.Json.Nodes;

namespace NavusoftSync.Tools.ProviderSandbox.Json;

/// <summary>Writes a provider payload exactly as built, with its content type, status and extra headers.</summary>
internal sealed class WireJsonResult(JsonNode body, int statusCode, string contentType, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    public const string Json = "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(SandboxJson.Wire));
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
