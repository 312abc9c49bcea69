using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Realism;

/// <summary>
/// Reads realism settings from a JSON object (the control API) or the <c>Sandbox:Realism</c> configuration section: the
/// profile first, then each override. Unknown fields, wrong types and out-of-range values are refused, never clamped.
/// </summary>
internal static class RealismOverrides
{
    private const int MaxMilliseconds = 60_000;
    private const int MaxLimit = 100_000_000;

    private static readonly Dictionary<string, Func<RealismSettings, int, RealismSettings>> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["latencyMs"] = (s, v) => s with { LatencyMs = InRange("latencyMs", v, MaxMilliseconds) },
        ["jitterMs"] = (s, v) => s with { JitterMs = InRange("jitterMs", v, MaxMilliseconds) },
        ["gmailUnitsPerMinute"] = (s, v) => s with { GmailUnitsPerMinute = InRange("gmailUnitsPerMinute", v, MaxLimit) },
        ["gmailThrottleStatus"] = (s, v) => s with { GmailThrottleStatus = ThrottleStatus("gmailThrottleStatus", v) },
        ["calendarRequestsPerMinute"] = (s, v) => s with { CalendarRequestsPerMinute = InRange("calendarRequestsPerMinute", v, MaxLimit) },
        ["calendarThrottleStatus"] = (s, v) => s with { CalendarThrottleStatus = ThrottleStatus("calendarThrottleStatus", v) },
        ["graphConcurrentRequests"] = (s, v) => s with { GraphConcurrentRequests = InRange("graphConcurrentRequests", v, MaxLimit) },
        ["graphRequestsPerTenMinutes"] = (s, v) => s with { GraphRequestsPerTenMinutes = InRange("graphRequestsPerTenMinutes", v, MaxLimit) },
    };

    /// <summary>Applies <paramref name="body"/> over <paramref name="current"/>; throws a 400 <see cref="SandboxRequestException"/> when it is not valid.</summary>
    public static RealismSettings Apply(RealismSettings current, JsonObject body)
    {
        var settings = body.Where(p => p.Key.Equals("profile", StringComparison.OrdinalIgnoreCase)).ToList() switch
        {
            [] => current,
            [var (_, profile)] => RealismSettings.Of(Profile(profile)),
            _ => throw SandboxRequestException.Invalid("profile is given more than once."),
        };
        foreach (var (name, value) in body)
        {
            if (name.Equals("profile", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!Fields.TryGetValue(name, out var apply))
            {
                throw SandboxRequestException.Invalid($"Unknown realism setting '{name}'. Known: profile, {string.Join(", ", Fields.Keys)}.");
            }

            settings = apply(settings, Integer(name, value));
        }

        return settings;
    }

    /// <summary>The standalone program's <c>Sandbox:Realism</c> section (<c>Profile</c> and the same names as the JSON fields).</summary>
    public static RealismSettings FromConfiguration(IConfigurationSection section)
    {
        var body = new JsonObject();
        foreach (var child in section.GetChildren())
        {
            body[child.Key] = int.TryParse(child.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(child.Value);
        }

        try
        {
            return Apply(RealismSettings.Off, body);
        }
        catch (SandboxRequestException exception)
        {
            throw new InvalidOperationException($"Sandbox:Realism: {exception.Message}", exception);
        }
    }

    private static RealismProfile Profile(JsonNode? value) => value is JsonValue text && text.TryGetValue<string>(out var name)
        ? name.ToUpperInvariant() switch
        {
            "OFF" => RealismProfile.Off,
            "REALISTIC" => RealismProfile.Realistic,
            _ => throw SandboxRequestException.Invalid("profile must be \"off\" or \"realistic\"."),
        }
        : throw SandboxRequestException.Invalid("profile must be \"off\" or \"realistic\".");

    private static int Integer(string name, JsonNode? value) =>
        value is JsonValue number && number.TryGetValue<int>(out var result)
            ? result
            : throw SandboxRequestException.Invalid($"{name} must be a whole number.");

    private static int InRange(string name, int value, int max) =>
        value is >= 0 && value <= max ? value : throw SandboxRequestException.Invalid($"{name} must be between 0 and {max:N0} (0: none).");

    private static int ThrottleStatus(string name, int value) =>
        value is 429 or 403 ? value : throw SandboxRequestException.Invalid($"{name} must be 429 or 403.");
}
