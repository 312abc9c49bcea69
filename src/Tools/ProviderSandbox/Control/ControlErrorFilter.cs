using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>Turns a <see cref="SandboxRequestException"/> of the control API into an RFC 9457 problem with its status.</summary>
internal sealed class ControlErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SandboxRequestException exception)
        {
            return Results.Problem(statusCode: exception.StatusCode, title: "The sandbox cannot apply this request.", detail: exception.Message);
        }
    }
}
