namespace NavusoftSync.BuildingBlocks.Errors;

/// <summary>
/// A request the domain refuses with a status and a sentence the user can act on (403 for a
/// provider the tenant has not enabled, 409 for a conflicting state, 400 for a bad OAuth state).
/// </summary>
public sealed class ProblemException(int status, string title, string detail, string? type = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string Detail { get; } = detail;

    public string? Type { get; } = type;
}
