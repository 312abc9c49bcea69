using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.Synchronization.Contracts;

namespace NavusoftSync.Synchronization.Runs.Checks;

internal sealed class GetLinkCompletenessValidator : AbstractValidator<GetLinkCompleteness>
{
    public const int MaxLinkIdLength = 200;

    public GetLinkCompletenessValidator()
    {
        RuleFor(q => q.LinkIds).NotNull().Must(ids => ids is null || ids.Count <= GetLinkCompleteness.MaxLinkIds)
            .WithMessage($"At most {GetLinkCompleteness.MaxLinkIds} link ids.");
        RuleForEach(q => q.LinkIds).NotEmpty().MaximumLength(MaxLinkIdLength);
    }
}

/// <summary>
/// <see cref="GetLinkCompleteness"/>: each link's <see cref="LinkCompleteness"/>, read in one round trip in the scope's
/// tenant session (another tenant's link, or one never checked, is not answered).
/// </summary>
internal sealed class GetLinkCompletenessHandler(IQuerySession session) : IQueryHandler<GetLinkCompleteness, IReadOnlyList<LinkCompletenessState>>
{
    public async ValueTask<IReadOnlyList<LinkCompletenessState>> Handle(GetLinkCompleteness query, CancellationToken cancellationToken)
    {
        var ids = query.LinkIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var checks = (await session.LoadManyAsync<LinkCompleteness>(cancellationToken, ids.Select(SyncStream.KeyOf)))
            .ToDictionary(c => c.LinkId, StringComparer.Ordinal);
        return
        [
            .. ids.Where(checks.ContainsKey).Select(id => checks[id]).Select(c => new LinkCompletenessState(c.LinkId, c.CheckedAt, c.Expected, c.Present, c.Repaired)),
        ];
    }
}
