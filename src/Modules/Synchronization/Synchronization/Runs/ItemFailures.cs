using System.Net.Sockets;
using Npgsql;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Runs.Rounds;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// Which failures belong to one item (its content cannot be decided or stored: a value PostgreSQL refuses, a
/// decision that throws on it) rather than to the run (the provider or the database unreachable, a lost write race,
/// a refused grant, cancellation). An item's failure skips that item and the page goes on; a run's failure ends the
/// run as before, the cursors left where the last committed page put them.
/// </summary>
internal static class ItemFailures
{
    public static bool IsItemLevel(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        ReauthRequiredException or ProviderUnavailableException or CursorExpiredException => false,
        _ when PageLoop.IsWriteRace(exception) => false,
        _ => Chain(exception).OfType<PostgresException>().FirstOrDefault() is { } refused
            ? IsDataError(refused.SqlState)
            : !Chain(exception).Any(IsTransient),
    };

    /// <summary>Why an item was skipped, as the run's skipped list tells a person (<see cref="RunSentences"/>): no content, no type names.</summary>
    public static string Sentence(Exception exception) =>
        Chain(exception).OfType<PostgresException>().Any() ? RunSentences.NotStorable : RunSentences.NotRecorded;

    /// <summary>The technical cause for the log line: the exception's type, and PostgreSQL's error code when it refused.</summary>
    public static string Detail(Exception exception) =>
        Chain(exception).OfType<PostgresException>().FirstOrDefault() is { } refused
            ? $"PostgreSQL {refused.SqlState}"
            : exception.GetType().Name;

    /// <summary>Class 22 (data exception: NUL in text, invalid encoding, value too long) and 54 (program limit: an index row too large).</summary>
    private static bool IsDataError(string sqlState) => sqlState.StartsWith("22", StringComparison.Ordinal) || sqlState.StartsWith("54", StringComparison.Ordinal);

    private static bool IsTransient(Exception e) =>
        e is NpgsqlException or TimeoutException or IOException or SocketException or HttpRequestException or ObjectDisposedException;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }

                yield break;
            }
        }
    }
}
