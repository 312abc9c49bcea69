using Marten;

namespace NavusoftSync.BuildingBlocks.Mediation;

/// <summary>
/// The scope's unit of work: the outermost command (or integration event delivery) commits the
/// scope's Marten session once; commands sent from inside it join it and commit nothing themselves.
/// </summary>
public sealed class UnitOfWork(IDocumentSession session)
{
    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];
    private int _depth;

    public IDocumentSession Session => session;

    public async ValueTask<T> RunAsync<T>(Func<ValueTask<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        _depth++;
        try
        {
            var result = await work();
            if (_depth == 1)
            {
                await session.SaveChangesAsync(cancellationToken);
                foreach (var action in _afterCommit)
                {
                    await action(cancellationToken);
                }
            }

            return result;
        }
        finally
        {
            if (--_depth == 0)
            {
                _afterCommit.Clear();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the outermost unit commits (never when it fails): for
    /// side effects outside the database that must see the committed data, such as waking a job.
    /// Such an effect is lost if the process dies right after the commit, so use it only for what
    /// something durable also covers (a job's own schedule, a redelivery).
    /// </summary>
    public void AfterCommit(Func<CancellationToken, Task> action) => _afterCommit.Add(action);
}
