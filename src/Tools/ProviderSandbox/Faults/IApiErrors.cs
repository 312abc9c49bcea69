using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Faults;

/// <summary>How one API family words the errors every data endpoint can answer.</summary>
internal interface IApiErrors
{
    IResult Unauthorized(HttpContext context, AuthFailure failure);

    IResult Fault(HttpContext context, QueuedFault fault);
}
