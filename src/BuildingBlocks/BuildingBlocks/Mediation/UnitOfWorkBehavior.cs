using Mediator;

namespace NavusoftSync.BuildingBlocks.Mediation;

/// <summary>Wraps every command (never a query) in the scope's <see cref="UnitOfWork"/>.</summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(UnitOfWork unitOfWork) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        message is IBaseCommand
            ? unitOfWork.RunAsync(() => next(message, cancellationToken), cancellationToken)
            : next(message, cancellationToken);
}
