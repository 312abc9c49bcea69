namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>
/// Spends one request of the read's budget, then holds one of the mailbox's slots for each HTTP exchange, body
/// included. It sits below the retry logic, so waiting out a <c>Retry-After</c> or a backoff never holds a slot.
/// </summary>
internal sealed class MailboxGateHandler(MailboxGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.Budget.SpendAsync(cancellationToken);
        await gate.Slots.WaitAsync(cancellationToken);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        finally
        {
            gate.Slots.Release();
        }
    }
}
