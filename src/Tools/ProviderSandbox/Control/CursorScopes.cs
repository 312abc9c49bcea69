using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>Which cursors a path prefix names: none given means every cursor of the mailbox.</summary>
internal static class CursorScopes
{
    public static IReadOnlyCollection<CursorScope> For(string? pathPrefix)
    {
        if (string.IsNullOrWhiteSpace(pathPrefix))
        {
            return [];
        }

        var prefix = new PathString(pathPrefix.StartsWith('/') ? pathPrefix : "/" + pathPrefix);
        if (prefix.StartsWithSegments(SandboxPaths.Graph, out var rest))
        {
            var path = rest.Value ?? string.Empty;
            return path.Contains("calendar", StringComparison.OrdinalIgnoreCase) ? [CursorScope.GraphCalendar]
                : path.Contains("mail", StringComparison.OrdinalIgnoreCase) ? [CursorScope.GraphMail]
                : [CursorScope.GraphMail, CursorScope.GraphCalendar];
        }

        if (prefix.StartsWithSegments(SandboxPaths.Gmail))
        {
            return [CursorScope.GmailHistory];
        }

        return prefix.StartsWithSegments(SandboxPaths.Calendar)
            ? [CursorScope.GoogleCalendar]
            : throw SandboxRequestException.Invalid($"'{pathPrefix}' names no API with cursors: use {SandboxPaths.Graph}, {SandboxPaths.Gmail} or {SandboxPaths.Calendar}.");
    }
}
