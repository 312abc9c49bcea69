using System.Security.Cryptography;
using System.Text;

namespace NavusoftSync.Linking.OAuth;

/// <summary>
/// The OAuth <c>state</c>: <c>base64url(tenant id) "." base64url(256 random bits)</c>. The callback
/// is a browser redirect without a bearer token, so it must learn the tenant from the state before
/// it can open a tenant session; the tenant part is only a hint of where to look. What makes a
/// state valid is the pending authorization stored under <see cref="Hash"/> in that tenant: a
/// forged or altered hint looks in a tenant where that random value was never issued and finds
/// nothing. Only the SHA-256 of the state is stored, so the database never holds a usable state.
/// </summary>
internal sealed record OAuthState(string Value, string TenantId)
{
    private const int MaxTenantBytes = 256;

    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Value)));

    public static OAuthState Create(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var value = Base64Url.Encode(Encoding.UTF8.GetBytes(tenantId)) + "." + Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        return new OAuthState(value, tenantId);
    }

    /// <summary>Reads a state the browser brought back; null unless it has exactly the shape this class issues.</summary>
    public static OAuthState? TryParse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 1024)
        {
            return null;
        }

        var parts = value.Split('.');
        if (parts.Length != 2 || parts[1].Length != 43)
        {
            return null;
        }

        var tenant = Base64Url.TryDecode(parts[0]);
        var secret = Base64Url.TryDecode(parts[1]);
        if (tenant is null || tenant.Length is 0 or > MaxTenantBytes || secret is not { Length: 32 })
        {
            return null;
        }

        try
        {
            var tenantId = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(tenant);
            return string.IsNullOrWhiteSpace(tenantId) || tenantId.Any(char.IsControl) ? null : new OAuthState(value, tenantId);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public override string ToString() => $"OAuthState {{ TenantId = {TenantId} }}";
}
