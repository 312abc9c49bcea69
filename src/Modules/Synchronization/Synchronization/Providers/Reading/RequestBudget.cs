namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>
/// A mailbox's allowance of provider requests for one read. <see cref="SpendAsync"/> is awaited before each HTTP
/// exchange (<see cref="MailboxGateHandler"/>, below the retries, so a retried request spends again): it returns once
/// the request may go, waits while the allowance refills, or throws <see cref="ProviderUnavailableException"/> when
/// the read must stop (the run then fails and the cursors stay).
/// </summary>
internal interface IRequestBudget
{
    ValueTask SpendAsync(CancellationToken cancellationToken);
}

/// <summary>The budgets there are.</summary>
internal static class RequestBudget
{
    /// <summary>No limit: every request goes at once (the providers' own throttling still answers 429, which the readers honour).</summary>
    public static readonly IRequestBudget Unlimited = new UnlimitedBudget();

    private sealed class UnlimitedBudget : IRequestBudget
    {
        public ValueTask SpendAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
