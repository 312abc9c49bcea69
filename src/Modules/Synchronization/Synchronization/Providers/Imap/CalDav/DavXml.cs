using System.Globalization;
using System.Security;
using System.Xml;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>One <c>DAV:response</c> of a multistatus: its href, its status (a response-level one, else 200 when a 200 propstat came), and the properties read from its 200 propstat.</summary>
internal sealed record DavResponse(string Href, int Status)
{
    public string? ETag { get; init; }

    public string? SyncToken { get; init; }

    public string? CTag { get; init; }

    public bool IsCalendar { get; init; }

    /// <summary>Null when the server did not say which components the calendar holds (then it may hold any).</summary>
    public IReadOnlyList<string>? Components { get; init; }

    public string? CalendarData { get; init; }
}

/// <summary>A multistatus answer: its responses and the collection's new sync token (RFC 6578), when present.</summary>
internal sealed record DavMultistatus(IReadOnlyList<DavResponse> Responses, string? SyncToken);

/// <summary>
/// The WebDAV/CalDAV request bodies we send and the multistatus answers we read. Answers are read by a forward-only
/// <see cref="XmlReader"/> with DTDs prohibited and no resolver, so no entity expansion or external fetch can happen;
/// unknown elements are skipped.
/// </summary>
internal static class DavXml
{
    public const string Dav = "DAV:";
    public const string CalDavNs = "urn:ietf:params:xml:ns:caldav";
    public const string CalendarServer = "http://calendarserver.org/ns/";

    public const string CalendarsPropfind =
        """<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/"><d:prop><d:resourcetype/><c:supported-calendar-component-set/><d:sync-token/><cs:getctag/></d:prop></d:propfind>""";

    public const string ETagsPropfind =
        """<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>""";

    public static string SyncCollection(string? token) =>
        $"""<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>{SecurityElement.Escape(token ?? string.Empty)}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>""";

    public static string Multiget(IEnumerable<string> hrefs) =>
        $"""<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>{string.Concat(hrefs.Select(h => $"<d:href>{SecurityElement.Escape(h)}</d:href>"))}</c:calendar-multiget>""";

    /// <summary>A 207 body; a <see cref="ProviderUnavailableException"/> when it is not a readable multistatus.</summary>
    public static DavMultistatus ReadMultistatus(byte[] body)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), Settings());
            var responses = new List<DavResponse>();
            string? token = null;
            reader.MoveToContent();
            if (reader is not { LocalName: "multistatus", NamespaceURI: Dav })
            {
                throw new ProviderUnavailableException("The CalDAV server's answer was not a multistatus.");
            }

            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, Depth: 1, NamespaceURI: Dav, LocalName: "response" })
                {
                    responses.Add(ReadResponse(reader.ReadSubtree()));
                }
                else if (reader is { NodeType: XmlNodeType.Element, Depth: 1, NamespaceURI: Dav, LocalName: "sync-token" })
                {
                    token = Content(reader).Trim();
                }
            }

            return new DavMultistatus(responses, token);
        }
        catch (XmlException e)
        {
            throw new ProviderUnavailableException("The CalDAV server's answer was not well-formed XML.", e);
        }
    }

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = CalDavLimits.MaxResponseBytes,
        CloseInput = true,
    };

    private static DavResponse ReadResponse(XmlReader reader)
    {
        using (reader)
        {
            reader.MoveToContent();
            string? href = null;
            int? status = null;
            var found = new DavResponse(string.Empty, 0);
            var okProps = false;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != Dav)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "href" when reader.Depth == 1 && href is null:
                        href = Content(reader).Trim();
                        break;
                    case "status" when reader.Depth == 1:
                        status = Status(Content(reader));
                        break;
                    case "propstat" when reader.Depth == 1:
                        var (propStatus, props) = ReadPropstat(reader.ReadSubtree());
                        if (propStatus == 200)
                        {
                            (found, okProps) = (Merge(found, props), true);
                        }

                        break;
                }
            }

            return found with { Href = href ?? string.Empty, Status = status ?? (okProps ? 200 : 0) };
        }
    }

    private static DavResponse Merge(DavResponse into, DavResponse props) => into with
    {
        ETag = props.ETag ?? into.ETag,
        SyncToken = props.SyncToken ?? into.SyncToken,
        CTag = props.CTag ?? into.CTag,
        IsCalendar = into.IsCalendar || props.IsCalendar,
        Components = props.Components ?? into.Components,
        CalendarData = props.CalendarData ?? into.CalendarData,
    };

    private static (int Status, DavResponse Props) ReadPropstat(XmlReader reader)
    {
        using (reader)
        {
            reader.MoveToContent();
            var status = 0;
            var props = new DavResponse(string.Empty, 0);
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, Depth: 1, NamespaceURI: Dav, LocalName: "status" })
                {
                    status = Status(Content(reader)) ?? 0;
                }
                else if (reader is { NodeType: XmlNodeType.Element, Depth: 1, NamespaceURI: Dav, LocalName: "prop" })
                {
                    props = ReadProps(reader.ReadSubtree());
                }
            }

            return (status, props);
        }
    }

    private static DavResponse ReadProps(XmlReader reader)
    {
        using (reader)
        {
            reader.MoveToContent();
            var props = new DavResponse(string.Empty, 0);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
                {
                    continue;
                }

                props = (reader.NamespaceURI, reader.LocalName) switch
                {
                    (Dav, "getetag") => props with { ETag = Text(reader) },
                    (Dav, "sync-token") => props with { SyncToken = Text(reader) },
                    (CalendarServer, "getctag") => props with { CTag = Text(reader) },
                    (Dav, "resourcetype") => props with { IsCalendar = HasChild(reader.ReadSubtree(), CalDavNs, "calendar") },
                    (CalDavNs, "supported-calendar-component-set") => props with { Components = ComponentNames(reader.ReadSubtree()) },
                    (CalDavNs, "calendar-data") => props with { CalendarData = Content(reader) },
                    _ => props,
                };
            }

            return props;
        }
    }

    private static string? Text(XmlReader reader) => Content(reader).Trim() is { Length: > 0 } t ? t : null;

    /// <summary>The text of the element the reader is on, leaving the reader on its end (so the caller's <c>Read</c> moves past it).</summary>
    private static string Content(XmlReader reader)
    {
        using var element = reader.ReadSubtree();
        element.MoveToContent();
        return element.ReadElementContentAsString();
    }

    private static bool HasChild(XmlReader reader, string ns, string name)
    {
        using (reader)
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == ns && reader.LocalName == name)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static List<string> ComponentNames(XmlReader reader)
    {
        using (reader)
        {
            var names = new List<string>();
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, NamespaceURI: CalDavNs, LocalName: "comp" } && reader.GetAttribute("name") is { } name)
                {
                    names.Add(name.Trim().ToUpperInvariant());
                }
            }

            return names;
        }
    }

    /// <summary>The code of an HTTP status line (<c>HTTP/1.1 404 Not Found</c>).</summary>
    private static int? Status(string line)
    {
        var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
    }
}
