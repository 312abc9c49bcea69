namespace NavusoftSync.Tools.ProviderSandbox.State;

/// <summary>
/// One mailbox. Readers take <see cref="Current"/> (an immutable snapshot, no lock); writers go through
/// <see cref="Mutate{T}"/>, serialized by the mailbox's own lock. Each change is reported to <paramref name="changed"/> as
/// (before, after), in order, while the lock is held: the observer must only hand it on, never block.
/// </summary>
internal sealed class Mailbox(MailboxIdentity identity, Action<MailboxData, MailboxData>? changed = null)
{
    private readonly Lock _gate = new();
    private MailboxData _data = new() { Identity = identity };

    public MailboxIdentity Identity => Current.Identity;

    public string Email => Identity.Email;

    public MailboxData Current => Volatile.Read(ref _data);

    public T Mutate<T>(Func<MailboxData, (MailboxData Next, T Result)> change)
    {
        lock (_gate)
        {
            var previous = _data;
            var (next, result) = change(previous);
            Volatile.Write(ref _data, next);
            if (!ReferenceEquals(previous, next))
            {
                changed?.Invoke(previous, next);
            }

            return result;
        }
    }

    /// <summary>Invalidates the cursors of the given scopes (all when none): new cursors work, old ones answer 410/404.</summary>
    public void ExpireCursors(IReadOnlyCollection<CursorScope> scopes) => Mutate(data =>
    {
        var version = data.Version + 1;
        var generations = data.Generations;
        foreach (var scope in scopes.Count == 0 ? Enum.GetValues<CursorScope>() : scopes)
        {
            generations = generations.SetItem(scope, data.Generation(scope) + 1);
        }

        var minHistory = scopes.Count == 0 || scopes.Contains(CursorScope.GmailHistory)
            ? MailboxData.HistoryBase + (version * MailboxData.HistoryStep)
            : data.MinHistoryId;
        return (data with { Version = version, Generations = generations, MinHistoryId = minHistory }, true);
    });
}
