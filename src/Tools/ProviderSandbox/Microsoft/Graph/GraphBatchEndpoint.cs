using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// <c>POST /$batch</c> (JSON batching): up to 20 requests, each run through the sandbox's own pipeline with the batch's bearer
/// token, answered as <c>{"responses": [{"id", "status", "headers", "body"}]}</c>. A request whose <c>dependsOn</c> failed answers 424.
/// </summary>
internal static class GraphBatchEndpoint
{
    private const int MaxRequests = 20;

    public static async Task<IResult> Handle(HttpContext http, InProcessDispatcher dispatcher, GraphErrors errors)
    {
        JsonArray? requests;
        try
        {
            requests = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))?["requests"] as JsonArray;
        }
        catch (JsonException)
        {
            requests = null;
        }

        if (requests is null || requests.Count == 0 || requests.Any(r => r is not JsonObject))
        {
            return errors.BadRequest(http, "BadRequest", "Invalid batch payload format.");
        }

        if (requests.Count > MaxRequests)
        {
            return errors.BadRequest(http, "BadRequest", $"The number of batch requests exceeds the limit of {MaxRequests}.");
        }

        var ids = requests.Select(r => r!["id"]?.ToString()).ToList();
        if (ids.Any(string.IsNullOrWhiteSpace) || ids.Distinct(StringComparer.OrdinalIgnoreCase).Count() != ids.Count)
        {
            return errors.BadRequest(http, "BadRequest", "Every batch request needs an id unique within the batch.");
        }

        var statuses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var responses = new JsonArray();
        foreach (JsonObject request in requests.Cast<JsonObject>())
        {
            var id = request["id"]!.ToString();
            var response = await Execute(http, dispatcher, request, statuses);
            statuses[id] = response["status"]!.GetValue<int>();
            responses.Add(response);
        }

        return new WireJsonResult(new JsonObject { ["responses"] = responses }, StatusCodes.Status200OK, WireJsonResult.Json);
    }

    private static async Task<JsonObject> Execute(HttpContext http, InProcessDispatcher dispatcher, JsonObject request, Dictionary<string, int> statuses)
    {
        var id = request["id"]!.ToString();
        var dependsOn = (request["dependsOn"] as JsonArray)?.Select(d => d?.ToString() ?? string.Empty) ?? [];
        if (dependsOn.Any(d => !statuses.TryGetValue(d, out var status) || status is < 200 or > 299))
        {
            return Failed(id, StatusCodes.Status424FailedDependency, "FailedDependency", "The request depends on a request that failed or was not run.");
        }

        var method = request["method"]?.ToString();
        var url = request["url"]?.ToString();
        if (string.IsNullOrWhiteSpace(method) || string.IsNullOrWhiteSpace(url) || Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            return Failed(id, StatusCodes.Status400BadRequest, "BadRequest", "A batch request needs a method and a URL relative to the version root.");
        }

        var headers = (request["headers"] as JsonObject)?.Select(h => new KeyValuePair<string, string>(h.Key, h.Value?.ToString() ?? string.Empty)).ToList() ?? [];
        var body = request["body"] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) && !headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("json", StringComparison.OrdinalIgnoreCase))
                => Convert.FromBase64String(text),
            JsonNode node => Encoding.UTF8.GetBytes(node.ToJsonString()),
        };

        var result = await dispatcher.SendAsync(http, method.ToUpperInvariant(), SandboxPaths.Graph + "/" + url.TrimStart('/'), headers, body, http.RequestAborted);
        var response = new JsonObject
        {
            ["id"] = id,
            ["status"] = result.StatusCode,
            ["headers"] = new JsonObject([.. result.Headers.Select(h => new KeyValuePair<string, JsonNode?>(h.Key, h.Value))]),
        };
        if (result.Body.Length > 0)
        {
            response["body"] = result.IsJson ? JsonNode.Parse(result.Body) : Convert.ToBase64String(result.Body);
        }

        return response;
    }

    private static JsonObject Failed(string id, int status, string code, string message) => new()
    {
        ["id"] = id,
        ["status"] = status,
        ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
        ["body"] = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } },
    };
}
