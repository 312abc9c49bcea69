using System.Security.Cryptography;
using System.Text;

namespace NavusoftSync.Linking.OAuth;

/// <summary>
/// The secret that binds a link request to the browser that started it (RFC 9700 §4.7): 256 random
/// bits the browser keeps in an HttpOnly cookie (<see cref="Links.Starting.LinkRequestCookie"/>),
/// of which the pending authorization keeps only the SHA-256. The callback completes without a
/// bearer token only when the browser brings a value whose hash matches, compared in constant time.
/// </summary>
internal sealed record BrowserBinding(string Value, string Hash)
{
    public static BrowserBinding Create()
    {
        var value = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        return new BrowserBinding(value, HashOf(value));
    }

    /// <summary>Lower-case hex SHA-256 of what a browser presented (any string: it is only hashed).</summary>
    public static string HashOf(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Whether the presented value's hash is the stored one; both must be present. Constant time in the content.</summary>
    public static bool Matches(string? presentedHash, string? storedHash) =>
        presentedHash is not null && storedHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presentedHash), Encoding.ASCII.GetBytes(storedHash));

    public override string ToString() => "BrowserBinding { }";
}
