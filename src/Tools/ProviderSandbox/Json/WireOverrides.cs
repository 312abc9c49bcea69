using System.Text.Json.Nodes;

namespace NavusoftSync.Tools.ProviderSandbox.Json;

/// <summary>Lays a test's hostile properties over a rendered resource (a copy each time; a JSON null removes the property).</summary>
internal static class WireOverrides
{
    public static JsonObject Apply(JsonObject rendered, JsonObject? overrides)
    {
        foreach (var (name, value) in overrides ?? [])
        {
            if (value is null)
            {
                rendered.Remove(name);
            }
            else
            {
                rendered[name] = value.DeepClone();
            }
        }

        return rendered;
    }
}
