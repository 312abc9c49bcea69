using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.Linking.Links.Listing;

namespace NavusoftSync.Linking.Links.AdminListing;

/// <summary>
/// Every link of the current tenant with its user and health, for the tenant admin: the links that need a person first
/// (<c>ReauthRequired</c>, then <c>Failed</c>), then by user, then oldest first; only those with <see cref="Status"/> when
/// it is given (one of the status values of CONTRACT.md, spelled exactly).
/// </summary>
internal sealed record ListTenantLinks(string? Status) : IQuery<IReadOnlyList<AdminLinkResponse>>
{
    public static readonly IReadOnlyList<string> Statuses =
        [LinkStatus.Active, LinkStatus.Syncing, LinkStatus.ReauthRequired, LinkStatus.Failed, LinkStatus.Unlinked];
}

internal sealed class ListTenantLinksValidator : AbstractValidator<ListTenantLinks>
{
    public ListTenantLinksValidator() =>
        RuleFor(q => q.Status)
            .Must(s => s is null || ListTenantLinks.Statuses.Contains(s, StringComparer.Ordinal))
            .WithMessage($"status must be one of {string.Join(", ", ListTenantLinks.Statuses)}.")
            .OverridePropertyName("status");
}

/// <summary>
/// <see cref="ListTenantLinks"/>: the tenant's links (the session is the caller's tenant's), assembled as
/// <c>GET /api/me/links</c> assembles them (<see cref="LinkResponses"/>), filtered on the status they show and ordered.
/// </summary>
internal sealed class ListTenantLinksHandler(IQuerySession session, ISender sender) : IQueryHandler<ListTenantLinks, IReadOnlyList<AdminLinkResponse>>
{
    public async ValueTask<IReadOnlyList<AdminLinkResponse>> Handle(ListTenantLinks query, CancellationToken cancellationToken)
    {
        var links = await session.Query<Link>().ToListAsync(cancellationToken);
        var responses = await LinkResponses.ForAsync(session, sender, links, cancellationToken);
        return
        [
            .. links.Zip(responses, (link, response) => AdminLinkResponse.From(link.UserId, response))
                .Where(l => query.Status is null || string.Equals(l.Status, query.Status, StringComparison.Ordinal))
                .OrderBy(l => NeedsPersonRank(l.Status))
                .ThenBy(l => l.UserId, StringComparer.Ordinal)
                .ThenBy(l => l.LinkedAt)
                .ThenBy(l => l.LinkId, StringComparer.Ordinal),
        ];
    }

    /// <summary>Links a person must act on come first: re-authorization (only the user can), then failing syncs.</summary>
    internal static int NeedsPersonRank(string status) => status switch
    {
        LinkStatus.ReauthRequired => 0,
        LinkStatus.Failed => 1,
        _ => 2,
    };
}
