using Marten;

namespace NavusoftSync.BuildingBlocks.Mediation;

/// <summary>
/// The scope's unit of work: the outermost command (or integration event delivery) commits the
/// scope's Marten session once; commands sent from inside it join it and commit nothing themselves.
/// </summary>
public sealed class UnitOfWork(IDocumentSession session)
{
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
            }

            return result;
        }
        finally
        {
            _depth--;
        }
    }
}
