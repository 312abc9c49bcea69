using System.Reflection;

namespace NavusoftSync.BuildingBlocks.Audit;

/// <summary>The host's informational version, written as the <see cref="AuditHeaders.HostVersion"/> header of every event.</summary>
public sealed record HostVersion(string Value)
{
    public static HostVersion Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        return new HostVersion(version);
    }
}
