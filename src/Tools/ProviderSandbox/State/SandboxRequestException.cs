namespace NavusoftSync.Tools.ProviderSandbox.State;

/// <summary>A control-API request the state cannot apply (unknown item, conflict, bad value); carries the HTTP status to answer.</summary>
internal sealed class SandboxRequestException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static SandboxRequestException NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static SandboxRequestException Conflict(string message) => new(StatusCodes.Status409Conflict, message);

    public static SandboxRequestException Invalid(string message) => new(StatusCodes.Status400BadRequest, message);
}
