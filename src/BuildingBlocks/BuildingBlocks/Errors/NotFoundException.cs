namespace NavusoftSync.BuildingBlocks.Errors;

/// <summary>A resource that does not exist for the caller's tenant (answers 404).</summary>
public sealed class NotFoundException(string resource, string id)
    : Exception($"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;

    public string Id { get; } = id;
}
