using System.Text.Json;
using System.Text.Json.Nodes;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

/// <summary>
/// Compares the shape of JSON documents: every property of <c>expected</c> must exist in <c>actual</c> with the same JSON kind,
/// recursively; a <c>null</c> in <c>expected</c> accepts any kind; each element of an expected array must match at least one
/// element of the actual array. Values are not compared.
/// </summary>
internal static class JsonShape
{
    public static void AssertContains(JsonNode expected, JsonNode? actual, bool strictTopLevel = false)
    {
        var problems = new List<string>();
        Compare(expected, actual, "$", problems);
        if (strictTopLevel && expected is JsonObject expectedObject && actual is JsonObject actualObject)
        {
            problems.AddRange(actualObject.Select(p => p.Key).Where(k => !expectedObject.ContainsKey(k)).Select(k => $"$.{k}: not in the documented shape"));
        }

        Assert.True(problems.Count == 0, "Shape differs from the documented example:\n" + string.Join('\n', problems) + "\nactual: " + actual?.ToJsonString());
    }

    public static JsonNode Load(string fixture) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)))!;

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> problems)
    {
        if (expected is null)
        {
            return;
        }

        if (actual is null)
        {
            problems.Add($"{path}: expected {Kind(expected)}, got null/missing");
            return;
        }

        if (Kind(expected) != Kind(actual))
        {
            problems.Add($"{path}: expected {Kind(expected)}, got {Kind(actual)}");
            return;
        }

        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = actual.AsObject();
                foreach (var (name, value) in expectedObject)
                {
                    if (!actualObject.ContainsKey(name))
                    {
                        problems.Add($"{path}.{name}: missing");
                        continue;
                    }

                    Compare(value, actualObject[name], $"{path}.{name}", problems);
                }

                break;
            case JsonArray expectedArray:
                var actualArray = actual.AsArray();
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    var candidates = actualArray.Select(element =>
                    {
                        var found = new List<string>();
                        Compare(expectedArray[i], element, $"{path}[{i}]", found);
                        return found;
                    }).ToList();
                    if (candidates.Count == 0)
                    {
                        problems.Add($"{path}: empty, the documented example has elements");
                    }
                    else if (candidates.TrueForAll(c => c.Count > 0))
                    {
                        problems.AddRange(candidates.MinBy(c => c.Count)!);
                    }
                }

                break;
        }
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
