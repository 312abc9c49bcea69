using System.Net;
using System.Text;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>
/// The forward scan behind <see cref="HtmlText"/>. <see cref="Steps"/> counts every character read,
/// so tests can show the work is linear in the input without timing anything.
/// </summary>
internal sealed class HtmlScanner(string html, int length, int maxOutputChars)
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "title", "template", "noscript", "head" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
        "section", "article", "header", "footer", "dd", "dt", "dl", "address", "tbody", "thead", "center", "body", "html",
    };

    private readonly StringBuilder _text = new();
    private bool _pendingSpace;
    private int _trailingBreaks;
    private int _pre;
    private int _at;

    public long Steps { get; private set; }

    /// <summary>True when the scan stopped because the text grew past <c>maxOutputChars</c>.</summary>
    public bool StoppedEarly { get; private set; }

    public string Run()
    {
        while (_at < length)
        {
            if (_text.Length > maxOutputChars)
            {
                StoppedEarly = true;
                break;
            }

            if (Read(_at) == '<' && _at + 1 < length)
            {
                Markup();
            }
            else
            {
                TextRun();
            }
        }

        return _text.ToString().Trim();
    }

    private char Read(int index)
    {
        Steps++;
        return html[index];
    }

    /// <summary>Text up to the next <c>&lt;</c>, entities decoded.</summary>
    private void TextRun()
    {
        var start = _at;
        _at++;
        while (_at < length && Read(_at) != '<')
        {
            _at++;
        }

        var run = html.AsSpan(start, _at - start);
        Append(run.Contains('&') ? WebUtility.HtmlDecode(run.ToString()) : run);
    }

    private void Markup()
    {
        var next = Read(_at + 1);
        if (next == '!' && StartsWith(_at + 2, "--"))
        {
            _at = SkipPast(_at + 4, "-->");
        }
        else if (next is '!' or '?')
        {
            _at = SkipTag(_at + 2);
        }
        else if (next == '/' && _at + 2 < length && char.IsAsciiLetter(Read(_at + 2)))
        {
            var name = Name(_at + 2);
            _at = SkipTag(_at + 2 + name.Length);
            Close(name);
        }
        else if (char.IsAsciiLetter(next))
        {
            var name = Name(_at + 1);
            _at = SkipTag(_at + 1 + name.Length);
            Open(name);
        }
        else
        {
            Append("<");
            _at++;
        }
    }

    private void Open(string name)
    {
        if (Dropped.Contains(name))
        {
            _at = SkipRawText(name);
        }
        else if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
        {
            LineBreak();
        }
        else if (Blocks.Contains(name))
        {
            BlockBreak();
            _pre += name.Equals("pre", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }
        else if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
        {
            _pendingSpace = true;
        }
    }

    private void Close(string name)
    {
        if (Blocks.Contains(name) || name.Equals("br", StringComparison.OrdinalIgnoreCase))
        {
            BlockBreak();
            _pre = name.Equals("pre", StringComparison.OrdinalIgnoreCase) ? Math.Max(0, _pre - 1) : _pre;
        }
    }

    /// <summary>The tag name at <paramref name="from"/> (letters, digits, '-', ':'), at most 32 characters read.</summary>
    private string Name(int from)
    {
        var end = from;
        while (end < length && end - from < 32 && (char.IsAsciiLetterOrDigit(Read(end)) || html[end] is '-' or ':'))
        {
            end++;
        }

        return html[from..end];
    }

    /// <summary>Past the tag's closing <c>&gt;</c> (quoted attribute values may hold one); the end of input when there is none.</summary>
    private int SkipTag(int from)
    {
        var (quote, previous) = ('\0', '\0');
        for (var i = from; i < length; i++)
        {
            var c = Read(i);
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'' && previous == '=')
            {
                quote = c; // only a value may be quoted: a stray quote elsewhere does not swallow the document
            }
            else if (c == '>')
            {
                return i + 1;
            }

            previous = char.IsWhiteSpace(c) ? previous : c;
        }

        return length;
    }

    /// <summary>Past the next <paramref name="end"/>; the end of input when there is none.</summary>
    private int SkipPast(int from, string end)
    {
        for (var i = from; i < length; i++)
        {
            if (Read(i) == end[0] && StartsWith(i, end))
            {
                return i + end.Length;
            }
        }

        return length;
    }

    /// <summary>
    /// Past the end tag of a dropped element (for <c>head</c>, also up to a <c>&lt;body</c>); everything up to the
    /// end of input when it is never closed, as a browser drops an unclosed script.
    /// </summary>
    private int SkipRawText(string name)
    {
        var head = name.Equals("head", StringComparison.OrdinalIgnoreCase);
        for (var i = _at; i < length; i++)
        {
            if (Read(i) != '<')
            {
                continue;
            }

            if (i + 1 < length && Read(i + 1) == '/' && NameAt(i + 2, name))
            {
                return SkipTag(i + 2 + name.Length);
            }

            if (head && NameAt(i + 1, "body"))
            {
                return i;
            }
        }

        return length;
    }

    /// <summary>Whether <paramref name="name"/> (any case) stands at <paramref name="from"/>, followed by no further name character.</summary>
    private bool NameAt(int from, string name)
    {
        if (from + name.Length > length)
        {
            return false;
        }

        for (var k = 0; k < name.Length; k++)
        {
            if (char.ToLowerInvariant(Read(from + k)) != char.ToLowerInvariant(name[k]))
            {
                return false;
            }
        }

        return from + name.Length == length || !char.IsAsciiLetterOrDigit(Read(from + name.Length));
    }

    private bool StartsWith(int from, string value)
    {
        if (from + value.Length > length)
        {
            return false;
        }

        for (var k = 0; k < value.Length; k++)
        {
            if (Read(from + k) != value[k])
            {
                return false;
            }
        }

        return true;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            Steps++;
            if (_pre > 0)
            {
                if (c != '\r')
                {
                    Put(c);
                }
            }
            else if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                _pendingSpace = true; // HTML's whitespace; a no-break space stays
            }
            else
            {
                if (_pendingSpace && _text.Length > 0 && _trailingBreaks == 0)
                {
                    Put(' ');
                }

                _pendingSpace = false;
                Put(c);
            }
        }
    }

    private void Put(char c)
    {
        _text.Append(c);
        _trailingBreaks = c == '\n' ? _trailingBreaks + 1 : 0;
    }

    /// <summary><c>&lt;br&gt;</c>: a line break, at most one blank line in a row.</summary>
    private void LineBreak()
    {
        _pendingSpace = false;
        if (_text.Length > 0 && _trailingBreaks < 2)
        {
            Put('\n');
        }
    }

    /// <summary>A block starts or ends: the text goes on on a line of its own.</summary>
    private void BlockBreak()
    {
        _pendingSpace = false;
        if (_text.Length > 0 && _trailingBreaks == 0)
        {
            Put('\n');
        }
    }
}
