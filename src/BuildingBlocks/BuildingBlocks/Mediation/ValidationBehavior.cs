using FluentValidation;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;

namespace NavusoftSync.BuildingBlocks.Mediation;

/// <summary>
/// Runs every validator of the message before its handler; the broken rules are raised as one
/// <see cref="DomainException"/> of kind <see cref="DomainErrorKind.RuleViolated"/> and the handler never runs.
/// HTTP, jobs and event handlers share these rules because they all go through the mediator.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<RuleViolation>? violations = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                (violations ??= []).AddRange(result.Errors.Select(e => new RuleViolation(e.PropertyName, e.ErrorMessage)));
            }
        }

        if (violations is not null)
        {
            throw DomainException.RuleViolated(violations);
        }

        return await next(message, cancellationToken);
    }
}
