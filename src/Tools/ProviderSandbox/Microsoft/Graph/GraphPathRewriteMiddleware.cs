using System.Text.RegularExpressions;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// Maps OData path forms onto the sandbox routes: key predicates <c>mailFolders('X')</c> become <c>mailFolders/X</c>, and the
/// function calls <c>delta()</c> / <c>microsoft.graph.delta()</c> become <c>delta</c>. The SDK sends <c>delta()</c>; Graph's own
/// nextLink/deltaLink use the long forms.
/// </summary>
internal sealed partial class GraphPathRewriteMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(SandboxPaths.Graph, out var rest) && rest.Value is { Length: > 0 } value)
        {
            var rewritten = DeltaFunction().Replace(KeyPredicate().Replace(value, "/$1"), "/delta");
            if (!string.Equals(rewritten, value, StringComparison.Ordinal))
            {
                context.Request.Path = new PathString(SandboxPaths.Graph).Add(new PathString(rewritten));
            }
        }

        return next(context);
    }

    [GeneratedRegex(@"\('([^'/]*)'\)")]
    private static partial Regex KeyPredicate();

    [GeneratedRegex(@"/(microsoft\.graph\.)?delta\(\)$", RegexOptions.IgnoreCase)]
    private static partial Regex DeltaFunction();
}
