using System.Text.Json;
using MailKit;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// Where a folder's last round ended: its path, UIDVALIDITY, the highest UID seen, HIGHESTMODSEQ (servers with CONDSTORE),
/// the lowest UID the last full read took in (what a changed UIDVALIDITY releases from), and, for servers without QRESYNC,
/// the UIDs still present (an IMAP sequence set such as <c>1:500,502:900</c>) to find expunged messages by.
/// </summary>
internal sealed record ImapFolderState(string Path, uint UidValidity, uint HighestUid, ulong? HighestModSeq, uint LowestUid, string? Present)
{
    /// <summary>The UIDs whose messages this state may have handed out: the present set when kept, else lowest..highest.</summary>
    public IEnumerable<uint> KnownUids() =>
        Present is { Length: 0 } ? []
        : Present is not null && UniqueIdSet.TryParse(Present, out var set) ? set.Select(u => u.Id)
        : HighestUid >= LowestUid && LowestUid > 0 ? Range(LowestUid, HighestUid)
        : [];

    private static IEnumerable<uint> Range(uint from, uint to)
    {
        for (var uid = from; uid <= to && uid != 0; uid++)
        {
            yield return uid;
            if (uid == uint.MaxValue)
            {
                yield break;
            }
        }
    }

    public bool IsValid() =>
        !string.IsNullOrWhiteSpace(Path) && Path.Length <= 1_000 && UidValidity > 0
        && (Present is null || Present.Length == 0 || UniqueIdSet.TryParse(Present, out _));
}

/// <summary>The mail cursor: one <see cref="ImapFolderState"/> per role (<see cref="ImapMailIds.Roles"/>) whose folder exists.</summary>
internal sealed record ImapMailCursor(IReadOnlyDictionary<string, ImapFolderState> Folders)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly ImapMailCursor Empty = new(new Dictionary<string, ImapFolderState>(StringComparer.Ordinal));

    public ImapFolderState? Of(string role) => Folders.GetValueOrDefault(role);

    public string ToJson() => JsonSerializer.Serialize(new Stored(1, Folders), Json);

    /// <summary>The cursor of an earlier round; null gives <see cref="Empty"/>; anything unreadable throws <see cref="CursorExpiredException"/>.</summary>
    public static ImapMailCursor Parse(string? cursor)
    {
        if (cursor is null)
        {
            return Empty;
        }

        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(cursor, Json);
        }
        catch (JsonException e)
        {
            throw new CursorExpiredException("The IMAP mail cursor is unreadable.", e);
        }

        if (stored is not { Version: 1, Folders: { } folders }
            || folders.Any(f => !ImapMailIds.Roles.Contains(f.Key, StringComparer.Ordinal) || f.Value is null || !f.Value.IsValid()))
        {
            throw new CursorExpiredException("The IMAP mail cursor is not one of this reader's.");
        }

        return new ImapMailCursor(new Dictionary<string, ImapFolderState>(folders, StringComparer.Ordinal));
    }

    private sealed record Stored(int Version, IReadOnlyDictionary<string, ImapFolderState>? Folders);
}
