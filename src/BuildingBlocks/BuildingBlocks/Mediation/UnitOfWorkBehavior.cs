using Mediator;
using NavusoftSync.BuildingBlocks.Audit;

namespace NavusoftSync.BuildingBlocks.Mediation;

/// <summary>
/// Wraps every command (never a query) in the scope's <see cref="UnitOfWork"/>, and makes the
/// outermost command the causation of the events the scope appends ("{command}/{id}"; a delivered
/// integration event, set before, stays the causation of the commands its handler sends).
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(UnitOfWork unitOfWork, AuditContext audit) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand)
        {
            return next(message, cancellationToken);
        }

        audit.CausedBy($"{typeof(TMessage).Name}/{Guid.CreateVersion7()}");
        return unitOfWork.RunAsync(() => next(message, cancellationToken), cancellationToken);
    }
}
