using FluentValidation;
using Mediator;
using NavusoftSync.Synchronization.Contracts;
using NavusoftSync.Synchronization.Push.Status;

namespace NavusoftSync.Synchronization.Push.Stopping;

internal sealed class StopLinkPushValidator : AbstractValidator<StopLinkPush>
{
    public StopLinkPushValidator() => RuleFor(c => c.LinkId).NotEmpty().MaximumLength(GetLinkPushValidator.MaxLinkIdLength);
}

/// <summary>
/// <see cref="StopLinkPush"/>: <see cref="LinkPushUpkeep.StopAsync"/> in the scope's tenant. The upkeep commits each
/// deletion in a session of its own the moment the provider confirmed it, so a registration deleted at the provider is
/// forgotten here even when the caller's unit of work (the unlink) fails afterwards; the sender's session is untouched.
/// </summary>
internal sealed class StopLinkPushHandler(LinkPushUpkeep upkeep) : ICommandHandler<StopLinkPush>
{
    public async ValueTask<Unit> Handle(StopLinkPush command, CancellationToken cancellationToken)
    {
        await upkeep.StopAsync(command.LinkId, cancellationToken);
        return Unit.Value;
    }
}
