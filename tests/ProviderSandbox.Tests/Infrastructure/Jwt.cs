using System.Text;
using System.Text.Json.Nodes;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

internal static class Jwt
{
    public static JsonNode Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!;
    }
}
