using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using MimeKit.Utils;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// Bodies of the requested messages only, per folder: BODYSTRUCTURE and the threading and bulk headers first, then the text
/// part alone (text/plain, else text/html through <see cref="HtmlText"/>) and at most <see cref="MaxPartBytes"/> of it by a
/// partial fetch, so a 30 MB body or attachment is never downloaded. MimeKit undoes the transfer encoding, <see cref="ImapCharsets"/>
/// the charset (an unknown or broken one falls back to UTF-8, else Windows-1252), and the text is cut to the body limit.
/// </summary>
internal static class ImapBodies
{
    /// <summary>Encoded bytes fetched of a text part: enough for a whole body limit of text even in base64 or quoted-printable.</summary>
    public const int MaxPartBytes = 1024 * 1024;

    private static readonly FetchRequest StructureRequest = new(MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure, ImapMessages.HeaderNames);

    public static async Task<IReadOnlyDictionary<string, MessageContent>> ReadAsync(
        ImapSession session, IReadOnlyCollection<string> providerIds, int pageSize, CancellationToken cancellationToken)
    {
        var bodies = new Dictionary<string, MessageContent>(StringComparer.Ordinal);
        var byFolder = providerIds
            .Select(id => ImapMailIds.TryParse(id, out var role, out var validity, out var uid) ? (role, validity, uid: (uint?)uid) : (role, validity, uid: null))
            .Where(p => p.uid is not null)
            .GroupBy(p => (p.role, p.validity));
        foreach (var folder in byFolder)
        {
            var (role, validity) = folder.Key;
            var uids = folder.Select(p => new UniqueId(p.uid!.Value)).Distinct().ToList();
            foreach (var chunk in uids.Chunk(pageSize))
            {
                foreach (var (uid, content) in await session.RunAsync(c => ReadChunkAsync(session, c, role, validity, chunk, cancellationToken), cancellationToken))
                {
                    bodies[ImapMailIds.Of(role, validity, uid)] = content;
                }
            }
        }

        return bodies;
    }

    /// <summary>The contents of one chunk of a folder's messages; none when the folder is gone or its UIDVALIDITY changed.</summary>
    private static async Task<IReadOnlyList<(uint Uid, MessageContent Content)>> ReadChunkAsync(
        ImapSession session, ImapClient client, string role, uint uidValidity, IList<UniqueId> uids, CancellationToken cancellationToken)
    {
        if (await ImapFolders.FindAsync(client, role, null, cancellationToken) is not { } found)
        {
            return [];
        }

        var folder = await session.OpenFolderAsync(client, found.FullName, cancellationToken);
        if (folder.UidValidity != uidValidity)
        {
            return [];
        }

        var contents = new List<(uint, MessageContent)>();
        foreach (var summary in await folder.FetchAsync(uids, StructureRequest, cancellationToken))
        {
            contents.Add((summary.UniqueId.Id, await ContentOfAsync(folder, summary, cancellationToken)));
        }

        return contents;
    }

    private static async Task<MessageContent> ContentOfAsync(IMailFolder folder, IMessageSummary summary, CancellationToken cancellationToken)
    {
        var headers = summary.Headers;
        var bulk = headers is not null && Privacy.BulkMail.IsBulk(headers.Select(h => new KeyValuePair<string, string>(h.Field, h.Value ?? string.Empty)));
        var text = TextPartOf(summary) is { } part ? await ReadPartAsync(folder, summary.UniqueId, part, cancellationToken) : BoundedText.None;
        return new MessageContent(
            text.Text, ImapMessages.References(headers?["References"]), ImapMessages.MessageId(headers?["In-Reply-To"]), text.Truncated, bulk);
    }

    /// <summary>The message's readable text part: text/plain, else text/html (MailKit's choice within alternatives and related parts).</summary>
    private static BodyPartText? TextPartOf(IMessageSummary summary)
    {
        try
        {
            return summary.TextBody ?? summary.HtmlBody;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private static async Task<BoundedText> ReadPartAsync(IMailFolder folder, UniqueId uid, BodyPartText part, CancellationToken cancellationToken)
    {
        var section = string.IsNullOrEmpty(part.PartSpecifier) ? "TEXT" : part.PartSpecifier;
        await using var raw = await folder.GetStreamAsync(uid, section, 0, MaxPartBytes, cancellationToken);
        var cut = part.Octets > MaxPartBytes || raw.Length >= MaxPartBytes;
        return Decode(raw, part, cut);
    }

    /// <summary>The part's bytes as text: transfer decoding by MimeKit, then the charset, HTML converted, cut to the body limit.</summary>
    public static BoundedText Decode(Stream raw, BodyPartText part, bool alreadyCut)
    {
        var encoding = MimeUtils.TryParse(part.ContentTransferEncoding ?? string.Empty, out ContentEncoding parsed) ? parsed : ContentEncoding.Default;
        using var bytes = new MemoryStream();
        new MimeContent(raw, encoding).DecodeTo(bytes);
        var decoded = ImapCharsets.Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), part.ContentType.Charset);
        return part.IsHtml ? HtmlText.ToText(decoded, alreadyCut) : TextLimits.Body(decoded, alreadyCut);
    }
}
