using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Synchronization.Contracts;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Links;

namespace NavusoftSync.Synchronization.Runs.Checks;

internal sealed class RequestLinkCheckValidator : AbstractValidator<RequestLinkCheck>
{
    public RequestLinkCheckValidator() => RuleFor(c => c.LinkId).NotEmpty().MaximumLength(GetLinkCompletenessValidator.MaxLinkIdLength);
}

/// <summary><see cref="RequestLinkCheck"/>: an active link of the scope's tenant gets its completeness check soon (<see cref="SyncScheduler.TriggerCheckAsync"/>).</summary>
internal sealed class RequestLinkCheckHandler(IQuerySession session, ITenantContext tenant, SyncScheduler scheduler) : ICommandHandler<RequestLinkCheck>
{
    public async ValueTask<Unit> Handle(RequestLinkCheck command, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<SyncedLink>(command.LinkId, cancellationToken) is { Active: true })
        {
            await scheduler.TriggerCheckAsync(tenant.TenantId, command.LinkId, cancellationToken);
        }

        return Unit.Value;
    }
}
