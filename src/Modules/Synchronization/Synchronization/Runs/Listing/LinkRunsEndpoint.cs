using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Synchronization.Runs.Listing;

/// <summary>One skipped item: its provider id and why.</summary>
public sealed record SkippedItemResponse(string ProviderId, string Reason);

/// <summary>One run as CONTRACT.md shows it: <c>filtered</c> holds the rules that kept items out, each with how many (only rules that counted).</summary>
public sealed record LinkRunResponse(
    string RunId,
    string? Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string Outcome,
    int Scanned,
    int Matched,
    int Recorded,
    IReadOnlyDictionary<string, int> Filtered,
    IReadOnlyList<SkippedItemResponse> Skipped,
    int SkippedCount,
    string? Error)
{
    internal static LinkRunResponse From(RunSummary run) => new(
        run.RunId,
        run.Trigger?.ToString().ToLowerInvariant(),
        run.StartedAt,
        run.FinishedAt,
        run.Outcome.ToString().ToLowerInvariant(),
        run.Scanned,
        run.Matched,
        run.New,
        (run.Filtered ?? new Dictionary<string, int>()).Where(f => f.Value > 0).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
        [.. run.Skipped.Select(s => new SkippedItemResponse(s.ProviderId, s.Reason))],
        run.SkippedCount,
        run.Error);
}

/// <summary><c>GET /api/me/links/{linkId}/runs?limit=</c>: the link's recent runs, newest first (the owner only; else 404).</summary>
public sealed class LinkRunsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/links/{linkId}/runs", ListAsync).WithTags("Synchronization").WithName("ListLinkRuns")
            .RequireAuthorization().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<IReadOnlyList<LinkRunResponse>>> ListAsync(string linkId, string? limit, ISender sender, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetLinkRuns(linkId, user.UserId, limit), ct));
}
