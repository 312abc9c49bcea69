using System.Text.Json.Serialization;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>
/// An e-mail address with an optional display name. In JSON it is either an object
/// <c>{"address": "...", "name": "..."}</c> or a string <c>"Name &lt;address&gt;"</c> / <c>"address"</c>.
/// </summary>
[JsonConverter(typeof(SandboxAddressJsonConverter))]
public sealed record SandboxAddress(string Address, string? Name = null)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Address : Name;

    public static implicit operator SandboxAddress(string value) => Parse(value);

    public static SandboxAddress Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        var open = text.LastIndexOf('<');
        var close = text.LastIndexOf('>');
        if (open >= 0 && close > open)
        {
            var name = text[..open].Trim().Trim('"').Trim();
            var address = text[(open + 1)..close].Trim();
            return new SandboxAddress(address, name.Length == 0 ? null : name);
        }

        return new SandboxAddress(text);
    }

    public bool Matches(string address) => string.Equals(Address.Trim(), address.Trim(), StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Name is null ? Address : $"{Name} <{Address}>";
}
