using System.Text;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// Text of a body part's bytes: the declared charset when it is known and the bytes are valid in it, else UTF-8 when they are
/// valid UTF-8, else Windows-1252 (every byte is a character there, and it is what mislabelled and unlabelled mail mostly is).
/// A missing, unknown (<c>x-no-such-charset</c>) or lying (<c>utf-8</c> over Latin-1 bytes) charset thus still gives readable text.
/// </summary>
internal static class ImapCharsets
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    private static readonly Encoding Windows1252 = CodePages().GetEncoding(1252)!;

    public static string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        if (Declared(charset) is { } declared && TryDecode(declared, bytes, out var text))
        {
            return text;
        }

        return TryDecode(Utf8, bytes, out var utf8) ? utf8 : Windows1252.GetString(bytes);
    }

    private static Encoding? Declared(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        try
        {
            var name = charset.Trim().Trim('"');
            return CodePages().GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                ?? Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static EncodingProvider CodePages() => CodePagesEncodingProvider.Instance;
}
