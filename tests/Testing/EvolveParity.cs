using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Xunit;

namespace NavusoftSync.Testing;

/// <summary>
/// The checks that an aggregate's one evolve (its static <c>Fold</c>) and Marten agree: a history appended to
/// PostgreSQL one event per commit, then the in-memory fold compared as JSON with the inline snapshot,
/// <c>FetchForWriting</c> and <c>AggregateStreamAsync</c>; and which event types of a history change nothing.
/// </summary>
public static class EvolveParity
{
    /// <summary>
    /// Appends <paramref name="history"/> to stream <paramref name="id"/>, one event per commit (the inline snapshot must
    /// take each event type on its own, as a later commit brings it), then folds it in memory with <paramref name="fold"/>
    /// and asserts that Marten's three views of the stream are that state. Answers the state as JSON.
    /// </summary>
    public static async Task<string> AssertMartenFoldsAsync<T>(IDocumentStore store, string tenant, string id, IReadOnlyList<object> history, Func<T?, object, T?> fold)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(history);
        for (var i = 0; i < history.Count; i++)
        {
            await using var appending = store.LightweightSession(tenant);
            if (i == 0)
            {
                appending.Events.StartStream<T>(id, history[0]);
            }
            else
            {
                appending.Events.Append(id, history[i]);
            }

            await appending.SaveChangesAsync();
        }

        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30)); // async work on these events is done before the host stops
        var folded = Json(store, history.Aggregate((T?)null, fold));
        await using var session = store.LightweightSession(tenant);
        Assert.Equal(folded, Json(store, await session.LoadAsync<T>(id)));
        Assert.Equal(folded, Json(store, (await session.Events.FetchForWriting<T>(id)).Aggregate));
        Assert.Equal(folded, Json(store, await session.Events.AggregateStreamAsync<T>(id)));
        return folded;
    }

    /// <summary>The event types whose fold leaves the state as it was (the very instance: nothing changed it).</summary>
    public static IReadOnlyList<Type> Unchanged<T>(IEnumerable<object> history, Func<T?, object, T?> fold)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(fold);
        var unchanged = new List<Type>();
        T? state = null;
        foreach (var e in history)
        {
            var next = fold(state, e);
            if (ReferenceEquals(next, state))
            {
                unchanged.Add(e.GetType());
            }

            state = next;
        }

        return unchanged;
    }

    private static string Json(IDocumentStore store, object? state) => store.Options.Serializer().ToJson(state);
}
