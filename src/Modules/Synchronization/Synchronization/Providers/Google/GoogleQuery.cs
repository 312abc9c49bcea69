using System.Globalization;
using System.Text;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>A query string of repeated, escaped parameters; nulls are left out.</summary>
internal sealed class GoogleQuery
{
    private readonly StringBuilder _text = new();

    public GoogleQuery Add(string name, string? value)
    {
        if (value is not null)
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public GoogleQuery Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public GoogleQuery Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public GoogleQuery Add(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name, value);
        }

        return this;
    }

    public override string ToString() => _text.ToString();
}
