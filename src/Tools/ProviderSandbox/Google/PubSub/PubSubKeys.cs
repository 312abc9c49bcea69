using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.PubSub;

/// <summary>
/// The RSA keys that sign Pub/Sub push OIDC tokens, as Google's: generated at start, the current one signs, and the JWKS
/// lists the current and the previous key so a rotation never fails a token signed just before it.
/// </summary>
internal sealed class PubSubKeys : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(string Kid, RSA Key)> _keys = [];

    public PubSubKeys() => Rotate();

    /// <summary>A new key signs from now on; the JWKS keeps the previous one.</summary>
    public string Rotate()
    {
        var key = RSA.Create(2048);
        var kid = Convert.ToHexStringLower(SHA256.HashData(key.ExportRSAPublicKey()).AsSpan(0, 20));
        lock (_gate)
        {
            _keys.Add((kid, key));
            while (_keys.Count > 2)
            {
                _keys[0].Key.Dispose();
                _keys.RemoveAt(0);
            }
        }

        return kid;
    }

    /// <summary>Google's JWKS shape: <c>{"keys":[{"kty","alg","use","kid","n","e"}]}</c>, newest first.</summary>
    public JsonObject Jwks()
    {
        lock (_gate)
        {
            var keys = _keys.AsEnumerable().Reverse().Select(k =>
            {
                var parameters = k.Key.ExportParameters(includePrivateParameters: false);
                return (JsonNode)new JsonObject
                {
                    ["kty"] = "RSA",
                    ["alg"] = "RS256",
                    ["use"] = "sig",
                    ["kid"] = k.Kid,
                    ["n"] = SandboxIds.Base64Url(parameters.Modulus),
                    ["e"] = SandboxIds.Base64Url(parameters.Exponent),
                };
            });
            return new JsonObject { ["keys"] = new JsonArray([.. keys]) };
        }
    }

    /// <summary>An RS256 JWT of these claims, signed by the current key and naming it in <c>kid</c>.</summary>
    public string Sign(JsonObject claims)
    {
        lock (_gate)
        {
            var (kid, key) = _keys[^1];
            var header = new JsonObject { ["alg"] = "RS256", ["kid"] = kid, ["typ"] = "JWT" };
            var unsigned = SandboxIds.Base64Url(header.ToJsonString(SandboxJson.Wire)) + "." + SandboxIds.Base64Url(claims.ToJsonString(SandboxJson.Wire));
            var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return unsigned + "." + SandboxIds.Base64Url(signature);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _keys.ForEach(k => k.Key.Dispose());
            _keys.Clear();
        }
    }
}
