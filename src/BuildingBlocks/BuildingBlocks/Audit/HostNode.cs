namespace NavusoftSync.BuildingBlocks.Audit;

/// <summary>
/// Which host process appended an event, written as the <see cref="AuditHeaders.HostNode"/> header of every event: in a
/// cluster it says which node ran a sync run (Quartz hands a link's job to any node). <c>Host:NodeName</c> names it;
/// otherwise the machine name and process id.
/// </summary>
public sealed record HostNode(string Value)
{
    public static HostNode From(string? configured) =>
        new(string.IsNullOrWhiteSpace(configured) ? $"{Environment.MachineName}:{Environment.ProcessId}" : configured.Trim());
}
