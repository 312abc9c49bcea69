using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// The position after the last row of a page: its rank, its similarity (typo matches), its search name and its
/// id, the whole ordering key, so the next page continues after it (keyset, not offset) and a row written
/// meanwhile never shifts a page. On the wire: base64url of a small JSON array. Anything else, or values no
/// row can have, is refused as invalid before it reaches the database.
/// </summary>
internal sealed record AccountSearchCursor(int Rank, float Score, string Name, string Id)
{
    private const int MaxEncodedLength = 2048;

    public string Encode() =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new object[] { Rank, Score, Name, Id }));

    public static bool TryDecode(string? text, out AccountSearchCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxEncodedLength || !Base64Url.IsValid(text))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(text));
            cursor = FromJson(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or DecoderFallbackException)
        {
            cursor = null;
        }

        return cursor is not null;
    }

    private static AccountSearchCursor? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 4)
        {
            return null;
        }

        var rank = root[0].GetInt32();
        var score = root[1].GetSingle();
        var name = root[2].GetString();
        var id = root[3].GetString();
        var valid = rank is >= AccountSearchRank.Exact and <= AccountSearchRank.Email
            && float.IsFinite(score) && score is >= 0 and <= 1
            && IsText(name, 1000) && IsText(id, 100) && id!.Length > 0;
        return valid ? new AccountSearchCursor(rank, score, name!, id!) : null;
    }

    /// <summary>PostgreSQL refuses NUL in text: a cursor carrying control characters is refused here, not there.</summary>
    private static bool IsText(string? value, int maxLength) =>
        value is not null && value.Length <= maxLength && !value.Any(char.IsControl);
}

/// <summary>The ranks of the search's ordering, best first.</summary>
internal static class AccountSearchRank
{
    public const int Exact = 0;
    public const int StartsWith = 1;
    public const int WordPrefixes = 2;
    public const int Similar = 3;
    public const int Email = 4;
}
