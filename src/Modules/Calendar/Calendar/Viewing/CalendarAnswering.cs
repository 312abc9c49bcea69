using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// Answers a range or day call: reads the calendar's stamp (one primary-key lookup); answers 304 when
/// the caller already holds that version; serves the kept answer computed under the same stamp; else
/// reads the entries, renders the answer and keeps it (requests missing the same answer at once share
/// that work). A calendar without a stamp has nothing kept.
/// </summary>
internal sealed class CalendarAnswering(CalendarReader reader, CalendarAnswerCache cache)
{
    public async Task<CalendarAnswer> AnswerAsync(
        CalendarOwnerKind kind, string ownerId, AnswerShape shape, DateOnly from, DateOnly to, string zoneId, string? ifNoneMatch,
        Func<SortedDictionary<DateOnly, List<CalendarAnswerItem>>, byte[]> render, CancellationToken ct)
    {
        var owner = CalendarReader.Owner(kind, ownerId);
        var key = new AnswerKey(reader.TenantId, owner, shape, from, to, zoneId);
        var stamp = await reader.StampAsync(owner, ct);
        var etag = stamp is null ? null : EntityTags.For(stamp, key);
        if (etag is not null && EntityTags.AnyMatches(ifNoneMatch, etag))
        {
            return CalendarAnswer.NotModified(etag);
        }

        var answer = stamp is null ? await ComputeAsync(kind, ownerId, key, null, render, ct)
            : cache.Find(key, stamp) is { } kept ? new CalendarAnswer(kept, etag)
            : await cache.ComputeOnceAsync(key, stamp, () => ComputeAsync(kind, ownerId, key, stamp, render, ct), ct);
        return answer.ETag is { } tag && EntityTags.IsAny(ifNoneMatch) ? CalendarAnswer.NotModified(tag) : answer;
    }

    private async Task<CalendarAnswer> ComputeAsync(
        CalendarOwnerKind kind, string ownerId, AnswerKey key, string? stamp,
        Func<SortedDictionary<DateOnly, List<CalendarAnswerItem>>, byte[]> render, CancellationToken ct)
    {
        var days = await reader.ReadAsync(kind, ownerId, key.From, key.To, TimeZoneLookup.Find(key.Zone)!, ct);
        var json = render(days);
        if (days.Count == 0 && kind == CalendarOwnerKind.Account)
        {
            // Answered after asking ContactDirectory whether the account exists: that depends on
            // more than the stamp, so such an answer is neither kept nor tagged.
            return new CalendarAnswer(json, null);
        }

        if (stamp is null)
        {
            return new CalendarAnswer(json, null);
        }

        cache.Keep(key, stamp, json);
        return new CalendarAnswer(json, EntityTags.For(stamp, key));
    }
}
