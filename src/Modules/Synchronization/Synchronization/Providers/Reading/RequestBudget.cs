namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>
/// An allowance of provider quota units. <see cref="SpendAsync"/> is awaited before each HTTP exchange with the units the
/// exchange costs (<see cref="MailboxGateHandler"/> prices it with <see cref="ProviderQuotaCosts"/>, below the retries, so a
/// retried request spends again; CalDAV spends one per attempt): it returns once the request may go, waits while the
/// allowance refills, or throws <see cref="ProviderUnavailableException"/> when the read must stop (the run then fails and
/// the cursors stay).
/// </summary>
internal interface IRequestBudget
{
    ValueTask SpendAsync(int units, CancellationToken cancellationToken);
}

/// <summary>The budgets there are besides a mailbox's shared quota (<see cref="Quota.MailboxQuota"/>).</summary>
internal static class RequestBudget
{
    /// <summary>No limit: every request goes at once (the providers' own throttling still answers 429, which the readers honour).</summary>
    public static readonly IRequestBudget Unlimited = new UnlimitedBudget();

    private sealed class UnlimitedBudget : IRequestBudget
    {
        public ValueTask SpendAsync(int units, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
