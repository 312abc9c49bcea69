using System.Security.Cryptography;
using System.Text;

namespace NavusoftSync.Linking.Links;

/// <summary>
/// Link ids are derived from (user, provider, external account id), so linking the same account
/// again finds the same stream: no duplicate link, and everything keyed by the link id (sync
/// cursors, history) carries on. The external account id is the provider's stable one (Microsoft's
/// object id, Google's <c>sub</c>), not the address, which can change. Streams are tenant-scoped,
/// so the tenant is not part of the id.
/// </summary>
internal static class LinkIds
{
    public const string Prefix = "lnk_";

    public static string For(string userId, string provider, string externalAccountId)
    {
        // Length-prefixed, so no choice of ids can make two different triples read the same.
        var name = string.Concat(new[] { userId, provider, externalAccountId }.Select(part => $"{part.Length}:{part};"));
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
    }

    public static bool LooksValid(string? linkId) =>
        linkId is { Length: 36 } && linkId.StartsWith(Prefix, StringComparison.Ordinal) && linkId[4..].All(char.IsAsciiHexDigitLower);
}
