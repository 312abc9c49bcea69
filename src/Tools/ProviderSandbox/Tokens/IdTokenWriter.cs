using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Tokens;

/// <summary>Writes id_tokens as HS256 JWTs signed with <see cref="SandboxOptions.SigningKey"/>.</summary>
internal sealed class IdTokenWriter(SandboxOptions options)
{
    public string Write(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = "provider-sandbox" };
        var signingInput = SandboxIds.Base64Url(header.ToJsonString(SandboxJson.Wire)) + "." + SandboxIds.Base64Url(claims.ToJsonString(SandboxJson.Wire));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.SigningKey), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + SandboxIds.Base64Url(signature);
    }
}
