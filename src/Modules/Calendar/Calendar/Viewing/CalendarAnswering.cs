using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// Answers a range or day call: reads the calendar's stamp (one primary-key lookup); answers 304 when
/// the caller already holds that version; serves the kept answer computed under the same stamp; else
/// reads the entries, renders the answer and keeps it. A calendar without a stamp has nothing kept.
/// </summary>
internal sealed class CalendarAnswering(CalendarReader reader, CalendarAnswerCache cache)
{
    public async Task<CalendarAnswer> AnswerAsync(
        CalendarOwnerKind kind, string ownerId, AnswerShape shape, DateOnly from, DateOnly to, string zoneId, string? ifNoneMatch,
        Func<SortedDictionary<DateOnly, List<CalendarItem>>, byte[]> render, CancellationToken ct)
    {
        var owner = CalendarReader.Owner(kind, ownerId);
        var key = new AnswerKey(reader.TenantId, owner, shape, from, to, zoneId);
        var stamp = await reader.StampAsync(owner, ct);
        var etag = stamp is null ? null : EntityTags.For(stamp, key);
        if (etag is not null && EntityTags.AnyMatches(ifNoneMatch, etag))
        {
            return CalendarAnswer.NotModified(etag);
        }

        if (stamp is not null && cache.Find(key, stamp) is { } kept)
        {
            return new CalendarAnswer(kept, etag);
        }

        var days = await reader.ReadAsync(kind, ownerId, from, to, TimeZones.Find(zoneId)!, ct);
        var json = render(days);
        if (days.Count == 0 && kind == CalendarOwnerKind.Account)
        {
            // Answered after asking ContactDirectory whether the account exists: that depends on
            // more than the stamp, so such an answer is neither kept nor tagged.
            return new CalendarAnswer(json, null);
        }

        if (stamp is not null)
        {
            cache.Keep(key, stamp, json);
        }

        return new CalendarAnswer(json, etag);
    }
}
