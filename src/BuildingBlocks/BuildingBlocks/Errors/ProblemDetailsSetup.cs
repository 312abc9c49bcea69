using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Domain;

namespace NavusoftSync.BuildingBlocks.Errors;

public static class ProblemDetailsSetup
{
    /// <summary>RFC 9457 answers for every error: exceptions, and bodiless 401/403/404/405s.</summary>
    public static IServiceCollection AddNavusoftProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // Unreadable bodies and parameters throw, so they reach the handler and answer with field errors.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseNavusoftProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>The one mapping from what the domain and the framework throw to the problem answer callers see.</summary>
    internal static IResult ToResult(this Exception exception) => exception switch
    {
        DomainException { Kind: DomainErrorKind.RuleViolated } rule => TypedResults.ValidationProblem(
            ValidationErrors.From(rule.Violations), title: rule.Title),
        DomainException domain => TypedResults.Problem(domain.Message, statusCode: StatusOf(domain.Kind), title: domain.Title),
        FluentValidation.ValidationException v => TypedResults.ValidationProblem(
            ValidationErrors.From(v.Errors), title: "One or more fields are invalid."),
        NotFoundException nf => TypedResults.Problem(nf.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        ProblemException p => TypedResults.Problem(p.Detail, statusCode: p.Status, title: p.Title, type: p.Type),
        JasperFx.ConcurrencyException or global::Marten.Exceptions.ExistingStreamIdCollisionException => TypedResults.Problem(
            "The resource was changed by another request at the same time; send the request again.",
            statusCode: StatusCodes.Status409Conflict, title: "Concurrent change"),
        BadHttpRequestException bad => TypedResults.ValidationProblem(
            ValidationErrors.From(bad), title: "The request could not be read."),
        _ => TypedResults.Problem("An unexpected error occurred.", statusCode: StatusCodes.Status500InternalServerError, title: "Server error"),
    };

    internal static int StatusOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.RuleViolated => StatusCodes.Status400BadRequest,
        DomainErrorKind.NotPermitted => StatusCodes.Status403Forbidden,
        DomainErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A domain error kind without an HTTP status."),
    };
}
