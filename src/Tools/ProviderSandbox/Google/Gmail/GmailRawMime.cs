using System.Text;
using System.Text.Json.Nodes;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary>
/// Gmail's <c>payload</c> built from a message's raw bytes, as Gmail does for whatever it received: header values
/// unfolded (bytes read as UTF-8, invalid sequences replaced), the MIME part tree with Gmail's part ids (<c>0</c>,
/// <c>0.1</c>, …), and each leaf's body with its transfer encoding (base64, quoted-printable) undone but its charset
/// left as sent. Malformed input is rendered as far as it goes (an unterminated multipart ends at the end).
/// </summary>
internal static class GmailRawMime
{
    public static JsonObject Payload(byte[] raw, IReadOnlyCollection<string> onlyHeaders, bool withBodies) =>
        Part(Encoding.Latin1.GetString(raw), string.Empty, onlyHeaders, withBodies);

    private static JsonObject Part(string entity, string partId, IReadOnlyCollection<string> onlyHeaders, bool withBodies)
    {
        var (headers, body) = Split(entity);
        var contentType = Header(headers, "Content-Type") ?? "text/plain";
        var mimeType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        var json = new JsonObject
        {
            ["partId"] = partId,
            ["mimeType"] = mimeType,
            ["filename"] = string.Empty,
            ["headers"] = new JsonArray([.. headers
                .Where(h => onlyHeaders.Count == 0 || onlyHeaders.Contains(h.Name, StringComparer.OrdinalIgnoreCase))
                .Select(h => (JsonNode)new JsonObject { ["name"] = h.Name, ["value"] = h.Value })]),
        };
        if (mimeType.StartsWith("multipart/", StringComparison.Ordinal) && Parameter(contentType, "boundary") is { Length: > 0 } boundary)
        {
            json["body"] = new JsonObject { ["size"] = 0 };
            if (withBodies)
            {
                var parts = Parts(body, boundary);
                json["parts"] = new JsonArray([.. parts.Select((p, i) => (JsonNode)Part(p, partId.Length == 0 ? $"{i}" : $"{partId}.{i}", [], withBodies))]);
            }
        }
        else
        {
            var bytes = Decode(body, Header(headers, "Content-Transfer-Encoding"));
            json["body"] = withBodies
                ? new JsonObject { ["size"] = bytes.Length, ["data"] = GmailMessageJson.Base64Url(bytes) }
                : new JsonObject { ["size"] = bytes.Length };
        }

        return json;
    }

    private static (List<(string Name, string Value)> Headers, string Body) Split(string entity)
    {
        var headers = new List<(string Name, string Value)>();
        var lines = entity.Split('\n');
        var index = 0;
        for (; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line.Length == 0)
            {
                index++;
                break;
            }

            if ((line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                headers[^1] = (headers[^1].Name, headers[^1].Value + " " + line.Trim());
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                headers.Add((Text(line[..colon].Trim()), Text(line[(colon + 1)..].Trim())));
            }
        }

        return (headers, string.Join('\n', lines.Skip(index)));
    }

    /// <summary>Header bytes (held one char per byte) read as UTF-8.</summary>
    private static string Text(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));

    private static string? Header(List<(string Name, string Value)> headers, string name) =>
        headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    private static string? Parameter(string headerValue, string name)
    {
        foreach (var piece in headerValue.Split(';').Skip(1))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(piece[..equals].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return piece[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }

    private static List<string> Parts(string body, string boundary)
    {
        var parts = new List<string>();
        StringBuilder? current = null;
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line == "--" + boundary + "--")
            {
                break;
            }

            if (line == "--" + boundary)
            {
                if (current is not null)
                {
                    parts.Add(current.ToString());
                }

                current = new StringBuilder();
                continue;
            }

            current?.Append(raw).Append('\n');
        }

        if (current is not null)
        {
            parts.Add(current.ToString());
        }

        return parts;
    }

    private static byte[] Decode(string body, string? transferEncoding)
    {
        switch (transferEncoding?.Trim().ToLowerInvariant())
        {
            case "base64":
                try
                {
                    return Convert.FromBase64String(new string([.. body.Where(c => !char.IsWhiteSpace(c))]));
                }
                catch (FormatException)
                {
                    return Encoding.Latin1.GetBytes(body);
                }

            case "quoted-printable":
                return QuotedPrintable(body);
            default:
                return Encoding.Latin1.GetBytes(body.TrimEnd('\n', '\r'));
        }
    }

    private static byte[] QuotedPrintable(string body)
    {
        var bytes = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '=' && i + 1 < body.Length && body[i + 1] is '\r' or '\n')
            {
                i += body[i + 1] == '\r' && i + 2 < body.Length && body[i + 2] == '\n' ? 2 : 1; // soft line break
            }
            else if (c == '=' && i + 2 < body.Length && Uri.IsHexDigit(body[i + 1]) && Uri.IsHexDigit(body[i + 2]))
            {
                bytes.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        return [.. bytes];
    }
}
