using System.Text.Json;
using NavusoftSync.Synchronization;
using NavusoftSync.Testing;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>
/// Sets a tenant's privacy the way the Synchronization module stores it: events on the tenant's one privacy stream
/// (<c>synchronization.privacy</c>), folded inline into the state <c>GetVisibilityRules</c> reads. The event types are
/// the Synchronization module's internals, so they are built by name.
/// </summary>
internal static class PrivacyWorld
{
    private const string PrivacyStream = "synchronization.privacy";
    private const string Namespace = "NavusoftSync.Synchronization.Privacy.";

    /// <summary>The tenant's <c>accountVisibility</c> (nothing blocked or excluded).</summary>
    public static Task SetTenantVisibilityAsync(this AppFixture fixture, string tenant, string level)
    {
        var policy = Make("PrivacyPolicy", Array.Empty<string>(), Array.Empty<string>(), false, false, level);
        return fixture.AppendAsync(tenant, PrivacyStream, Make("PrivacyPolicySet", policy, "admin", "test", CalendarWorld.At));
    }

    /// <summary>A user's own <c>accountVisibility</c>.</summary>
    public static Task SetUserVisibilityAsync(this AppFixture fixture, string tenant, string userId, string level)
    {
        var settings = Make("UserPrivacy", Array.Empty<string>(), level);
        return fixture.AppendAsync(tenant, PrivacyStream, Make("UserPrivacySet", userId, settings, userId, null, CalendarWorld.At));
    }

    private static object Make(string type, params object?[] arguments) =>
        Activator.CreateInstance(typeof(SynchronizationModule).Assembly.GetType(Namespace + type, throwOnError: true)!, arguments)!;

    /// <summary>Every calendar item of a range or day answer as "id title visibility".</summary>
    public static List<string> Shown(JsonElement answer)
    {
        var items = answer.TryGetProperty("days", out var days)
            ? days.EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray())
            : answer.GetProperty("items").EnumerateArray();
        return [.. items.Select(i => $"{i.GetProperty("id").GetString()} {i.GetProperty("title").GetString()} {i.GetProperty("visibility").GetString()}")];
    }
}
