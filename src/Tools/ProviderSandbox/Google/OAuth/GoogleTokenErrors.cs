using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Google.OAuth;

/// <summary>Google's OAuth token errors: <c>{"error": "...", "error_description": "..."}</c>.</summary>
internal static class GoogleTokenErrors
{
    public static IResult Create(string error, string description, int statusCode = StatusCodes.Status400BadRequest) =>
        new WireJsonResult(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode, WireJsonResult.Json, NoStore);

    public static IResult InvalidGrant(string description) => Create("invalid_grant", description);

    public static IResult InvalidRequest(string description) => Create("invalid_request", description);

    public static readonly IReadOnlyDictionary<string, string> NoStore = new Dictionary<string, string>
    {
        ["Cache-Control"] = "no-cache, no-store, max-age=0, must-revalidate",
        ["Pragma"] = "no-cache",
    };
}
