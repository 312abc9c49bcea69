using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// A calendar answer as sent: its UTF-8 JSON, or null when the caller's <c>If-None-Match</c> names
/// the current version (304); and its entity tag, null when the answer has no version to name.
/// </summary>
internal sealed record CalendarAnswer(byte[]? Json, string? ETag)
{
    public static CalendarAnswer NotModified(string etag) => new(null, etag);
}

/// <summary>
/// Entity tags of calendar answers: the stamp (the calendar's, a fresh value per change of its entries,
/// with the visibility levels' fingerprint for account calendars) and everything else the answer depends on
/// (shape, range, zone, the caller of an account calendar), so the tag of one answer is never the tag of
/// another, whoever asks (a user calendar's zone may come from the token, not the URL; one user's view of
/// an account calendar is not another's).
/// </summary>
internal static class EntityTags
{
    public static string For(string stamp, AnswerKey key) => string.Create(CultureInfo.InvariantCulture,
        $"\"{stamp}.{(key.Shape == AnswerShape.Range ? 'r' : 'd')}.{key.From:yyyyMMdd}.{key.To:yyyyMMdd}.{Uri.EscapeDataString(key.Zone)}{Caller(key)}\"");

    private static string Caller(AnswerKey key) => key.Caller.Length == 0 ? string.Empty : "." + Uri.EscapeDataString(key.Caller);

    /// <summary>Weak comparison of the listed tags, as <c>If-None-Match</c> asks (RFC 9110 13.1.2); <c>*</c> is <see cref="IsAny"/>.</summary>
    public static bool AnyMatches(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch) || !EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        return tags.Any(t => !t.Equals(EntityTagHeaderValue.Any) && t.Compare(current, useStrongComparison: false));
    }

    /// <summary>
    /// <c>If-None-Match: *</c>: the caller wants the answer only if none exists, so any tagged answer is a 304
    /// (an untagged one, whose existence depends on more than the calendar, is sent).
    /// </summary>
    public static bool IsAny(string? ifNoneMatch) =>
        !string.IsNullOrWhiteSpace(ifNoneMatch) && EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags) && tags.Any(t => t.Equals(EntityTagHeaderValue.Any));
}

/// <summary>
/// Writes a <see cref="CalendarAnswer"/>: 200 with the JSON (the bytes the serializer wrote, as
/// <c>TypedResults.Json</c> sent them) or 304, with the entity tag when there is one; private and
/// revalidated on every use (the answer is per user and may change any time).
/// </summary>
internal sealed class CalendarAnswerResult(CalendarAnswer answer) : IResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.CacheControl = "private, no-cache";
        if (answer.ETag is not null)
        {
            response.Headers.ETag = answer.ETag;
        }

        if (answer.Json is null)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = answer.Json.Length;
        return response.Body.WriteAsync(answer.Json, httpContext.RequestAborted).AsTask();
    }
}
