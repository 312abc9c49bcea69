using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Faults;

internal sealed record QueuedFault(string Id, FaultSpec Spec, int Remaining)
{
    public int StatusCode => Spec.Kind switch
    {
        FaultKind.Throttle => StatusCodes.Status429TooManyRequests,
        FaultKind.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        FaultKind.Unauthorized => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status500InternalServerError,
    };

    public int RetryAfterSeconds => Math.Max(0, Spec.RetryAfterSeconds);

    public FaultCreated ToContract() => new(Id, Spec, Remaining);
}
