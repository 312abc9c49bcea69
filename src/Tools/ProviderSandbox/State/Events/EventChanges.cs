using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.State.Events;

/// <summary>Pure mutations of a mailbox's calendar: each returns the next snapshot (version bumped) and the touched event.</summary>
internal static class EventChanges
{
    public static (MailboxData Next, StoredEvent Event) Add(MailboxData data, ScenarioEvent input, DateTimeOffset now)
    {
        var identity = data.Identity;
        var google = identity.Provider == SandboxProvider.Google;
        var id = string.IsNullOrWhiteSpace(input.Id) ? google ? SandboxIds.GoogleEventId() : SandboxIds.GraphItemId() : input.Id.Trim();
        if (data.Events.ContainsKey(id))
        {
            throw SandboxRequestException.Conflict($"Event '{id}' already exists in '{identity.Email}'.");
        }

        var version = data.Version + 1;
        var stored = Normalize(new StoredEvent
        {
            Id = id,
            ICalUId = string.IsNullOrWhiteSpace(input.ICalUId) ? google ? id + "@google.com" : SandboxIds.GraphICalUId() : input.ICalUId.Trim(),
            Subject = input.Subject,
            BodyText = input.Body ?? string.Empty,
            Location = input.Location,
            Start = input.Start,
            End = input.End,
            TimeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? identity.TimeZone : input.TimeZone.Trim(),
            IsAllDay = input.IsAllDay,
            Organizer = input.Organizer ?? new SandboxAddress(identity.Email, identity.DisplayName),
            Attendees = input.Attendees,
            IsCancelled = input.IsCancelled,
            IsTentative = input.IsTentative,
            Recurrence = input.Recurrence,
            WireOverrides = input.WireOverrides,
            Created = now,
            LastModified = now,
            CreatedVersion = version,
            Version = version,
        });
        return (data with { Version = version, Events = data.Events.SetItem(id, stored) }, stored);
    }

    public static (MailboxData Next, StoredEvent Event) Update(MailboxData data, string id, EventUpdate update, DateTimeOffset now)
    {
        var current = Find(data, id);
        var version = data.Version + 1;
        var updated = Normalize(current with
        {
            Subject = update.Subject ?? current.Subject,
            BodyText = update.Body ?? current.BodyText,
            Location = update.Location ?? current.Location,
            Start = update.Start ?? current.Start,
            End = update.End ?? current.End,
            TimeZone = update.TimeZone ?? current.TimeZone,
            IsAllDay = update.IsAllDay ?? current.IsAllDay,
            Attendees = update.Attendees ?? current.Attendees,
            Recurrence = update.Recurrence ?? current.Recurrence,
            LastModified = now,
            Sequence = current.Sequence + 1,
            Version = version,
        });
        return (data with { Version = version, Events = data.Events.SetItem(current.Id, updated) }, updated);
    }

    /// <summary>Cancels a meeting (it stays, flagged cancelled) or, given an occurrence id, that one occurrence.</summary>
    public static (MailboxData Next, StoredEvent Event) Cancel(MailboxData data, string id, DateTimeOffset now)
    {
        if (TryFindOccurrence(data, id, out var series, out var originalStart))
        {
            return RemoveOccurrence(data, series, originalStart, now);
        }

        var current = Find(data, id);
        var version = data.Version + 1;
        var cancelled = current with { IsCancelled = true, LastModified = now, Sequence = current.Sequence + 1, Version = version };
        return (data with { Version = version, Events = data.Events.SetItem(current.Id, cancelled) }, cancelled);
    }

    /// <summary>Deletes an event or series (gone from every view) or, given an occurrence id, that one occurrence.</summary>
    public static (MailboxData Next, StoredEvent Event) Delete(MailboxData data, string id, DateTimeOffset now)
    {
        if (TryFindOccurrence(data, id, out var series, out var originalStart))
        {
            return RemoveOccurrence(data, series, originalStart, now);
        }

        var current = Find(data, id);
        var version = data.Version + 1;
        var deleted = current with { IsDeleted = true, LastModified = now, Version = version };
        return (data with { Version = version, Events = data.Events.SetItem(current.Id, deleted) }, deleted);
    }

    private static (MailboxData, StoredEvent) RemoveOccurrence(MailboxData data, StoredEvent series, DateTimeOffset originalStart, DateTimeOffset now)
    {
        var version = data.Version + 1;
        var updated = series with
        {
            CancelledOccurrences = series.CancelledOccurrences.Add(originalStart),
            LastModified = now,
            Version = version,
        };
        return (data with { Version = version, Events = data.Events.SetItem(series.Id, updated) }, updated);
    }

    private static StoredEvent Find(MailboxData data, string id) =>
        data.Events.TryGetValue(id, out var found) && !found.IsDeleted
            ? found
            : throw SandboxRequestException.NotFound($"There is no event '{id}' in '{data.Identity.Email}'.");

    private static bool TryFindOccurrence(MailboxData data, string id, out StoredEvent series, out DateTimeOffset originalStart)
    {
        series = null!;
        if (data.Events.ContainsKey(id)
            || !EventInstance.TryParseOccurrenceId(id, out var seriesId, out originalStart)
            || !data.Events.TryGetValue(seriesId, out var found) || found.IsDeleted || !found.IsSeries)
        {
            originalStart = default;
            return false;
        }

        if (Recurrences.FindOccurrence(found, originalStart) is null)
        {
            throw SandboxRequestException.NotFound($"Series '{seriesId}' has no occurrence starting {originalStart:O}.");
        }

        series = found;
        return true;
    }

    private static StoredEvent Normalize(StoredEvent e)
    {
        if (TimeZones.Find(e.TimeZone) is null)
        {
            throw SandboxRequestException.Invalid($"Unknown time zone '{e.TimeZone}'.");
        }

        if (e.Recurrence is { } rule && (rule.Interval < 1 || rule.Count < 1))
        {
            throw SandboxRequestException.Invalid("A recurrence needs interval >= 1 and, when given, count >= 1.");
        }

        var normalized = e.IsAllDay
            ? e with { Start = MidnightUtc(e.Start), End = MidnightUtc(e.End) }
            : e;
        if (normalized.IsAllDay && normalized.End <= normalized.Start)
        {
            normalized = normalized with { End = normalized.Start.AddDays(1) };
        }

        return normalized.End < normalized.Start
            ? throw SandboxRequestException.Invalid("An event cannot end before it starts.")
            : normalized;
    }

    private static DateTimeOffset MidnightUtc(DateTimeOffset value) => new(value.DateTime.Date, TimeSpan.Zero);
}
