using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace NavusoftSync.Calendar.Projections;

/// <summary>
/// The Calendar module's async projection over the Synchronization module's recorded thread and
/// appointment events (a published contract). Per page of events (the daemon hands one tenant's
/// events at a time): it loads every affected view at once (one query per view type), folds the
/// events in memory in order, then stores the changed views and only the entry changes — entries
/// of calendars that newly hold the item or whose content changed, deletions for calendars that no
/// longer hold or match it (exact, from the view's <c>PlacedOwners</c>) — and a fresh
/// <see cref="CalendarStamp"/> for every calendar whose entries it stored or deleted, in the same
/// batch. An erasure (<c>ThreadErased</c>, <c>AppointmentErased</c>) empties the view, so every
/// entry of the item is deleted. The same events always give the same views and entries, so a rebuild is identical (the
/// stamps are new values: they only version the entries).
/// </summary>
internal sealed class CalendarProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        await ApplyAsync<EmailThreadView>(operations, events, changed, cancellation);
        await ApplyAsync<AppointmentView>(operations, events, changed, cancellation);
        if (changed.Count > 0)
        {
            operations.Store(changed.Select(CalendarStamp.Fresh).ToArray());
        }
    }

    /// <summary>
    /// Folds the page's events of one kind of item stream into their views (all loaded in one query),
    /// places each view's entries and stores the view with the calendars it is on now.
    /// </summary>
    private static async Task ApplyAsync<TView>(IDocumentOperations operations, IReadOnlyList<IEvent> events, ISet<string> changed, CancellationToken ct)
        where TView : class, ICalendarItemView<TView>
    {
        var keys = events.Select(e => TView.StreamKey(e.Data)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return;
        }

        var before = (await operations.LoadManyAsync<TView>(ct, keys)).ToDictionary(v => v.Id, StringComparer.Ordinal);
        var after = new Dictionary<string, TView?>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (TView.StreamKey(e.Data) is { } key)
            {
                after[key] = TView.Fold(after.TryGetValue(key, out var current) ? current : before.GetValueOrDefault(key), key, e.Data);
            }
        }

        foreach (var (key, view) in after)
        {
            if (view is null)
            {
                continue;
            }

            var old = before.GetValueOrDefault(key);
            var (template, owners) = view.Placement();
            var placed = Place(operations, key, old?.PlacedOwners ?? [], old?.Placement().Template, template, owners, changed);
            operations.Store(view.WithPlacedOwners(placed));
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
            // Holders and the private mark are on account calendars' entries only: a change of them alone
            // rewrites (and renews the stamps of) account calendars, not users'.
            var contentChanged = !template.SameContent(oldTemplate);
            var accessChanged = !template.SameAccess(oldTemplate);
            var toStore = owners
                .Where(o => contentChanged || (accessChanged && CalendarOwners.IsAccount(o)) || !placed.Contains(o, StringComparer.Ordinal))
                .Select(template.For).ToArray();
            if (toStore.Length > 0)
            {
                operations.Store(toStore);
                changed.UnionWith(toStore.Select(e => e.Owner));
            }
        }

        return owners;
    }
}
