using System.Globalization;
using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Synchronization.Links;

namespace NavusoftSync.Synchronization.Runs.Listing;

/// <summary>
/// The link's most recent runs, newest first, for its owner: the user of the same tenant who linked it (what this module
/// knows of the link, <see cref="SyncedLink"/>, kept from the Linking module's events). Anyone else gets the answer of
/// a link that does not exist.
/// </summary>
internal sealed record GetLinkRuns(string LinkId, string UserId, string? Limit) : IQuery<IReadOnlyList<LinkRunResponse>>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public int Take => Limit is null ? DefaultLimit : int.Parse(Limit, NumberStyles.None, CultureInfo.InvariantCulture);
}

internal sealed class GetLinkRunsValidator : AbstractValidator<GetLinkRuns>
{
    public GetLinkRunsValidator() =>
        RuleFor(q => q.Limit)
            .Must(l => l is null || (int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= GetLinkRuns.MaxLimit))
            .WithMessage($"limit must be a whole number from 1 to {GetLinkRuns.MaxLimit}.")
            .OverridePropertyName("limit");
}

internal sealed class GetLinkRunsHandler(IQuerySession session) : IQueryHandler<GetLinkRuns, IReadOnlyList<LinkRunResponse>>
{
    public async ValueTask<IReadOnlyList<LinkRunResponse>> Handle(GetLinkRuns query, CancellationToken cancellationToken)
    {
        var link = await session.LoadAsync<SyncedLink>(query.LinkId, cancellationToken);
        if (link is null || !string.Equals(link.UserId, query.UserId, StringComparison.Ordinal))
        {
            throw DomainException.NotFound("Link", query.LinkId);
        }

        var history = await session.LoadAsync<LinkRunHistory>(SyncStream.KeyOf(link.Id), cancellationToken);
        return [.. (history?.Runs ?? []).Take(query.Take).Select(LinkRunResponse.From)];
    }
}
