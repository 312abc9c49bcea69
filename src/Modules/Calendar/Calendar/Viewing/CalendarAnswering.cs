using Mediator;
using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// Answers a range or day call: reads the calendar's stamp (one primary-key lookup) and, for an account calendar, the
/// tenant's visibility rules (one more, answered by the Synchronization module); answers 304 when the caller already
/// holds that version; serves the kept answer computed under the same stamp; else reads the entries, renders the answer
/// as the caller may see it and keeps it (requests missing the same answer at once share that work). An account
/// calendar's answer is kept per caller, under the calendar's stamp and the rules' fingerprint together
/// (<see cref="CalendarViewer.Fingerprint"/>). A calendar without a stamp has nothing kept.
/// </summary>
internal sealed class CalendarAnswering(CalendarReader reader, CalendarAnswerCache cache, ISender sender)
{
    public async Task<CalendarAnswer> AnswerAsync(
        CalendarRead read, string? ifNoneMatch, Func<SortedDictionary<DateOnly, List<CalendarAnswerItem>>, byte[]> render, CancellationToken ct)
    {
        var owner = CalendarReader.Owner(read.Kind, read.OwnerId);
        var account = read.Kind == CalendarOwnerKind.Account;
        var rules = account ? await sender.Send(new GetVisibilityRules(), ct) : VisibilityRules.Open;
        var key = new AnswerKey(reader.TenantId, owner, account ? read.CallerId : string.Empty, read.Shape, read.From, read.To, read.Zone);
        var calendarStamp = await reader.StampAsync(owner, ct);
        var stamp = calendarStamp is null ? null : account ? $"{calendarStamp}.{CalendarViewer.Fingerprint(rules)}" : calendarStamp;
        var etag = stamp is null ? null : EntityTags.For(stamp, key);
        if (etag is not null && EntityTags.AnyMatches(ifNoneMatch, etag))
        {
            return CalendarAnswer.NotModified(etag);
        }

        var viewer = new CalendarViewer(read.CallerId, rules);
        var answer = stamp is null ? await ComputeAsync(read, key, viewer, null, render, ct)
            : cache.Find(key, stamp) is { } kept ? new CalendarAnswer(kept, etag)
            : await cache.ComputeOnceAsync(key, stamp, () => ComputeAsync(read, key, viewer, stamp, render, ct), ct);
        return answer.ETag is { } tag && EntityTags.IsAny(ifNoneMatch) ? CalendarAnswer.NotModified(tag) : answer;
    }

    private async Task<CalendarAnswer> ComputeAsync(
        CalendarRead read, AnswerKey key, CalendarViewer viewer, string? stamp,
        Func<SortedDictionary<DateOnly, List<CalendarAnswerItem>>, byte[]> render, CancellationToken ct)
    {
        var days = await reader.ReadAsync(read.Kind, read.OwnerId, key.From, key.To, TimeZoneLookup.Find(key.Zone)!, viewer, ct);
        var json = render(days);
        if (days.Count == 0 && read.Kind == CalendarOwnerKind.Account)
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

/// <summary>
/// One calendar read: whose calendar, who asks (<c>CallerId</c>; for a user calendar its owner), the answer's shape and
/// dates (<c>To</c> inclusive) and the zone.
/// </summary>
internal readonly record struct CalendarRead(CalendarOwnerKind Kind, string OwnerId, string CallerId, AnswerShape Shape, DateOnly From, DateOnly To, string Zone);
