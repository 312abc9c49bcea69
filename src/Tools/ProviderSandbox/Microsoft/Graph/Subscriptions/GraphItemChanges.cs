using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

/// <summary>The messages and events one mutation created, updated or deleted, read from their version stamps.</summary>
internal static class GraphItemChanges
{
    public static IReadOnlyList<GraphItemChange> Between(MailboxData before, MailboxData after)
    {
        var changes = new List<GraphItemChange>();
        foreach (var message in after.MessagesChangedBetween(before.Version, after.Version))
        {
            if (Kind(message.IsDeleted, message.CreatedVersion > before.Version) is { } kind)
            {
                changes.Add(new GraphItemChange(kind, message.Id, false, message.Folder, message.Version));
            }
        }

        foreach (var calendarEvent in after.Events.Values.Where(e => e.Version > before.Version))
        {
            if (Kind(calendarEvent.IsDeleted, calendarEvent.CreatedVersion > before.Version) is { } kind)
            {
                changes.Add(new GraphItemChange(kind, calendarEvent.Id, true, null, calendarEvent.Version));
            }
        }

        return changes;
    }

    /// <summary>An item created and deleted within the same mutation was never visible: no notification.</summary>
    private static string? Kind(bool deleted, bool createdNow) => (deleted, createdNow) switch
    {
        (true, true) => null,
        (true, false) => "deleted",
        (false, true) => "created",
        _ => "updated",
    };
}
