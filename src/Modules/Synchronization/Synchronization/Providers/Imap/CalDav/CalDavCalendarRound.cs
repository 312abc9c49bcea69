using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>
/// One calendar's part of a round: its changes (<see cref="CalDavChanges"/>), then pages of deleted resources released and
/// changed ones read by calendar-multiget (a chunk per page; an answer too large is asked again in halves, a single resource
/// too large is malformed). <see cref="State"/> is the calendar's cursor state once the pages are read.
/// </summary>
internal sealed class CalDavCalendarRound(
    CalDavSession session, CalDavCalendar calendar, CalDavCalendarState? stored, CalendarWindow window, ProviderReadingOptions options, ILogger logger)
{
    private readonly HashSet<string> _held = new(stored?.Held ?? [], StringComparer.Ordinal);

    public CalDavCalendarState State { get; private set; } = stored ?? new CalDavCalendarState();

    public async IAsyncEnumerable<ProviderPage<CalendarItem>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changes = await CalDavChanges.FindAsync(session, calendar, stored, logger, cancellationToken);
        var released = new PageBuilder<CalendarItem>();
        var listed = changes.Changed.Select(calendar.NameOf).ToHashSet(StringComparer.Ordinal);
        var deleted = changes.Deleted.Select(calendar.NameOf).Concat(changes.Full ? _held.Where(name => !listed.Contains(name)) : []).Distinct().ToList();
        foreach (var name in deleted)
        {
            released.Removed.Add(RemovedItem.Series(calendar.Path + name, new HashSet<string>()));
            _held.Remove(name);
        }

        if (!released.IsEmpty)
        {
            yield return released.Build(null);
        }

        foreach (var chunk in changes.Changed.Chunk(Math.Clamp(options.PageSize, 1, CalDavLimits.MultigetChunk)))
        {
            var page = new PageBuilder<CalendarItem>();
            await ReadChunkAsync(page, chunk, cancellationToken);
            if (!page.IsEmpty)
            {
                yield return page.Build(null);
            }
        }

        State = changes.Next with { Held = [.. _held.Order(StringComparer.Ordinal)] };
    }

    private async Task ReadChunkAsync(PageBuilder<CalendarItem> page, string[] paths, CancellationToken cancellationToken)
    {
        var answer = await session.SendAsync("REPORT", calendar.Url, "1", DavXml.Multiget(paths), cancellationToken);
        if (answer.TooLarge && paths.Length > 1)
        {
            await ReadChunkAsync(page, [.. paths.Take(paths.Length / 2)], cancellationToken);
            await ReadChunkAsync(page, [.. paths.Skip(paths.Length / 2)], cancellationToken);
            return;
        }

        if (answer.TooLarge)
        {
            page.Malformed.Add(new MalformedItem(paths[0], "an event resource larger than the answer limit"));
            return;
        }

        if (answer.Status != 207)
        {
            throw new ProviderUnavailableException($"The CalDAV server {calendar.Url.Authority} answered {answer.Status} to calendar-multiget.");
        }

        foreach (var response in DavXml.ReadMultistatus(answer.Body).Responses)
        {
            if (calendar.MemberPath(response.Href) is { } path && paths.Contains(path, StringComparer.Ordinal))
            {
                Read(page, path, response);
            }
        }
    }

    private void Read(PageBuilder<CalendarItem> page, string path, DavResponse response)
    {
        var name = calendar.NameOf(path);
        if (response.Status == 404)
        {
            page.Removed.Add(RemovedItem.Series(path, new HashSet<string>()));
            _held.Remove(name);
            return;
        }

        if (response.Status != 200)
        {
            page.Malformed.Add(new MalformedItem(path, $"the server answered {response.Status} for the event resource"));
            return;
        }

        var before = page.Items.Count;
        var malformed = page.Malformed.Count;
        CalDavEvents.AddTo(page, path, response.CalendarData, window);
        if (page.Items.Count > before)
        {
            _held.Add(name);
        }
        else if (page.Malformed.Count == malformed)
        {
            _held.Remove(name);
        }
    }
}
