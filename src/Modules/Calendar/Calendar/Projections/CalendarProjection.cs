using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Calendar.Projections;

/// <summary>
/// The Calendar module's async projection over the Synchronization module's recorded thread and
/// appointment events (a published contract). Per page of events (the daemon hands one tenant's
/// events at a time): it loads every affected view at once (one query per view type), folds the
/// events in memory in order, then stores the changed views and only the entry changes — entries
/// of calendars that newly hold the item or whose content changed, deletions for calendars that no
/// longer hold or match it (exact, from the view's <c>PlacedOwners</c>) — and a fresh
/// <see cref="CalendarStamp"/> for every calendar whose entries it stored or deleted, in the same
/// batch. The same events always give the same views and entries, so a rebuild is identical (the
/// stamps are new values: they only version the entries).
/// </summary>
internal sealed class CalendarProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var threadKeys = new HashSet<string>(StringComparer.Ordinal);
        var appointmentKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (ThreadKey(e.Data) is { } thread)
            {
                threadKeys.Add(thread);
            }
            else if (AppointmentKey(e.Data) is { } appointment)
            {
                appointmentKeys.Add(appointment);
            }
        }

        var changed = new SortedSet<string>(StringComparer.Ordinal);
        if (threadKeys.Count > 0)
        {
            await ApplyThreadsAsync(operations, events, threadKeys, changed, cancellation);
        }

        if (appointmentKeys.Count > 0)
        {
            await ApplyAppointmentsAsync(operations, events, appointmentKeys, changed, cancellation);
        }

        if (changed.Count > 0)
        {
            operations.Store(changed.Select(CalendarStamp.Fresh).ToArray());
        }
    }

    private static async Task ApplyThreadsAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, HashSet<string> keys, ISet<string> changed, CancellationToken ct)
    {
        var before = (await operations.LoadManyAsync<EmailThreadView>(ct, keys)).ToDictionary(v => v.Id, StringComparer.Ordinal);
        var after = new Dictionary<string, EmailThreadView>(before, StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (ThreadKey(e.Data) is { } key)
            {
                after[key] = EmailThreadView.Fold(after.GetValueOrDefault(key) ?? EmailThreadView.Empty(key), e.Data);
            }
        }

        foreach (var (key, view) in after)
        {
            var old = before.GetValueOrDefault(key);
            var (template, owners) = CalendarPlacement.Of(view);
            var oldTemplate = old is null ? null : CalendarPlacement.Of(old).Template;
            var placed = Place(operations, key, old?.PlacedOwners ?? [], oldTemplate, template, owners, changed);
            operations.Store(view with { PlacedOwners = placed });
        }
    }

    private static async Task ApplyAppointmentsAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, HashSet<string> keys, ISet<string> changed, CancellationToken ct)
    {
        var before = (await operations.LoadManyAsync<AppointmentView>(ct, keys)).ToDictionary(v => v.Id, StringComparer.Ordinal);
        var after = new Dictionary<string, AppointmentView?>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (AppointmentKey(e.Data) is { } key)
            {
                after[key] = AppointmentView.Fold(after.TryGetValue(key, out var current) ? current : before.GetValueOrDefault(key), e.Data);
            }
        }

        foreach (var (key, view) in after)
        {
            if (view is null)
            {
                continue;
            }

            var old = before.GetValueOrDefault(key);
            var (template, owners) = CalendarPlacement.Of(view);
            var oldTemplate = old is null ? null : CalendarPlacement.Of(old).Template;
            var placed = Place(operations, key, old?.PlacedOwners ?? [], oldTemplate, template, owners, changed);
            operations.Store(view with { PlacedOwners = placed });
        }
    }

    /// <summary>
    /// Stores the entries that are new or changed, deletes those of calendars the item left, and adds
    /// every calendar it touched to <paramref name="changed"/>; returns the calendars it is on now.
    /// </summary>
    private static IReadOnlyList<string> Place(
        IDocumentOperations operations, string itemId, IReadOnlyList<string> placed, CalendarEntry? oldTemplate, CalendarEntry? template,
        IReadOnlyList<string> owners, ISet<string> changed)
    {
        if (template is null)
        {
            owners = [];
        }

        foreach (var gone in placed.Except(owners, StringComparer.Ordinal))
        {
            operations.Delete<CalendarEntry>(CalendarEntry.IdFor(gone, itemId));
            changed.Add(gone);
        }

        if (template is not null)
        {
            var contentChanged = !template.SameContent(oldTemplate);
            var toStore = owners.Where(o => contentChanged || !placed.Contains(o, StringComparer.Ordinal)).Select(template.For).ToArray();
            if (toStore.Length > 0)
            {
                operations.Store(toStore);
                changed.UnionWith(toStore.Select(e => e.Owner));
            }
        }

        return owners;
    }

    private static string? ThreadKey(object data) => data switch
    {
        ThreadMessageRecorded x => x.ThreadKey,
        ThreadMessageHeld x => x.ThreadKey,
        ThreadMessageReleased x => x.ThreadKey,
        ThreadAccountMatched x => x.ThreadKey,
        ThreadAccountUnmatched x => x.ThreadKey,
        _ => null,
    };

    private static string? AppointmentKey(object data) => data switch
    {
        AppointmentScheduled x => x.AppointmentKey,
        AppointmentRescheduled x => x.AppointmentKey,
        AppointmentDetailsChanged x => x.AppointmentKey,
        AppointmentAttendeesChanged x => x.AppointmentKey,
        AppointmentCancelled x => x.AppointmentKey,
        AppointmentReinstated x => x.AppointmentKey,
        AppointmentHeld x => x.AppointmentKey,
        AppointmentReleased x => x.AppointmentKey,
        AppointmentAccountMatched x => x.AppointmentKey,
        AppointmentAccountUnmatched x => x.AppointmentKey,
        _ => null,
    };
}
