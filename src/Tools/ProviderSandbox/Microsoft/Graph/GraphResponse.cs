using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>Successful Graph answers: OData JSON content type, request ids, and the applied preferences.</summary>
internal static class GraphResponse
{
    public const string ContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    public static IResult Ok(HttpContext http, JsonObject body, IEnumerable<string> preferencesApplied, int statusCode = StatusCodes.Status200OK)
    {
        var requestId = Guid.NewGuid().ToString();
        var headers = new Dictionary<string, string>
        {
            ["request-id"] = requestId,
            ["client-request-id"] = http.Request.Headers["client-request-id"].ToString() is { Length: > 0 } supplied ? supplied : requestId,
        };
        var applied = string.Join(", ", preferencesApplied);
        if (applied.Length > 0)
        {
            headers["Preference-Applied"] = applied;
        }

        return new WireJsonResult(body, statusCode, ContentType, headers);
    }

    /// <summary>The absolute Graph base of this request, e.g. <c>http://127.0.0.1:5199/v1.0</c>.</summary>
    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{SandboxPaths.Graph}";

    public static string Context(HttpContext http, string fragment) => $"{BaseUrl(http)}/$metadata#{fragment}";

    /// <summary>Keeps <c>id</c>, OData annotations and the <c>$select</c>ed properties (all when there is no <c>$select</c>).</summary>
    public static JsonObject Select(JsonObject item, string? select)
    {
        if (string.IsNullOrWhiteSpace(select))
        {
            return item;
        }

        var wanted = new HashSet<string>(select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase) { "id" };
        foreach (var name in item.Select(p => p.Key).Where(k => !k.StartsWith('@') && !wanted.Contains(k)).ToList())
        {
            item.Remove(name);
        }

        return item;
    }
}
