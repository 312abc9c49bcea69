using System.Globalization;
using Carter;
using FluentValidation;
using FluentValidation.Results;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Auth;

namespace NavusoftSync.BuildingBlocks.Audit;

/// <summary>
/// <c>GET /api/audit/streams/{streamId}/events</c> and <c>…/state</c>: admins read a stream of
/// their tenant (another tenant's stream is not found) from the event store alone.
/// </summary>
public sealed class AuditEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit/streams/{streamId}").RequireAuthorization(AuthenticationSetup.AdminPolicy).WithTags("Audit");

        audit.MapGet("/events", async Task<Ok<IReadOnlyList<AuditEventResponse>>> (
                string streamId, string? fromVersion, string? limit, HttpContext http, IQuerySession session, IDocumentStore store, CancellationToken ct) =>
            {
                var failures = new List<ValidationFailure>();
                var from = ParseLong(fromVersion, "fromVersion", 1, long.MaxValue, 1, failures);
                var take = (int)ParseLong(limit, "limit", 1, StreamEvents.MaxLimit, StreamEvents.DefaultLimit, failures);
                ThrowIfAny(failures);

                var page = await StreamEvents.ReadAsync(session, store, streamId, from, take, ct);
                if (page.NextFromVersion is { } next)
                {
                    var path = $"{http.Request.PathBase}{http.Request.Path}";
                    http.Response.Headers.Append("Link", $"<{path}?fromVersion={next}&limit={take}>; rel=\"next\"");
                }

                return TypedResults.Ok(page.Events);
            })
            .WithName("ReadStreamEvents");

        audit.MapGet("/state", async Task<Ok<StreamStateResponse>> (
                string streamId, string? version, string? asOf, IQuerySession session, IDocumentStore store, CancellationToken ct) =>
            {
                var failures = new List<ValidationFailure>();
                long? atVersion = version is null ? null : ParseLong(version, "version", 1, long.MaxValue, 1, failures);
                DateTimeOffset? at = null;
                if (asOf is not null)
                {
                    if (DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    {
                        at = parsed;
                    }
                    else
                    {
                        failures.Add(new ValidationFailure("asOf", "Give an ISO-8601 instant, such as 2026-03-01T09:30:00Z."));
                    }
                }

                if (version is not null && asOf is not null)
                {
                    failures.Add(new ValidationFailure("asOf", "Give either version or asOf, not both."));
                }

                ThrowIfAny(failures);
                return TypedResults.Ok(await StreamStates.ReadAsync(session, store, streamId, atVersion, at, ct));
            })
            .WithName("ReadStreamState");
    }

    private static long ParseLong(string? value, string field, long min, long max, long fallback, List<ValidationFailure> failures)
    {
        if (value is null)
        {
            return fallback;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        failures.Add(new ValidationFailure(field, max == long.MaxValue ? $"Give a whole number of at least {min}." : $"Give a whole number from {min} to {max}."));
        return fallback;
    }

    private static void ThrowIfAny(List<ValidationFailure> failures)
    {
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }
}
