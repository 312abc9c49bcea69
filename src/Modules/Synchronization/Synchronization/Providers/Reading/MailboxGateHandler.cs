namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>
/// Holds one of the mailbox's slots for each HTTP exchange, body included. It sits below the retry logic, so waiting out a
/// <c>Retry-After</c> or a backoff never holds a slot.
/// </summary>
internal sealed class MailboxGateHandler(SemaphoreSlim gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        finally
        {
            gate.Release();
        }
    }
}
