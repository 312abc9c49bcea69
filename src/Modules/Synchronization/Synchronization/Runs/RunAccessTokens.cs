using Mediator;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// One run's access tokens for its link. Tokens come from the Linking module (<see cref="GetAccessToken"/>), refreshed
/// there when needed, and are reused for the run until a minute before they expire (every provider request needs
/// one, and each ask of the Linking module loads and decrypts the link's credentials). A refused grant stops the run (the
/// Linking module marks the link ReauthRequired and its event removes the job).
/// </summary>
internal sealed class RunAccessTokens(string linkId, ISender sender, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _token;
    private string? _rejected;

    public void Dispose() => _lock.Dispose();

    /// <summary>A valid token: the cached one, else one asked of the Linking module (telling it of a rejected one).</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } cached && cached.ExpiresAt - Margin > clock.GetUtcNow())
            {
                return cached.Token;
            }

            var result = await sender.Send(new GetAccessToken(linkId, _rejected), cancellationToken);
            var token = result.Outcome switch
            {
                AccessTokenOutcome.Granted => result.AccessToken!,
                AccessTokenOutcome.ReauthRequired or AccessTokenOutcome.Unlinked => throw new ReauthRequiredException(result.Reason ?? "The link must be linked again."),
                _ => throw new ProviderUnavailableException(result.Reason ?? "The provider's token endpoint is unavailable."),
            };
            (_token, _rejected) = ((token, result.ExpiresAt ?? DateTimeOffset.MinValue), null);
            return token;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// The provider answered 401 to this token (revoked, or expired before its time): it is no longer reused, and the
    /// next ask tells the Linking module it was rejected, so Linking refreshes it even though it looks valid (a refused
    /// grant then marks the link ReauthRequired). Several requests rejecting the same token cause one refresh.
    /// </summary>
    public async ValueTask RejectAsync(string token, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } cached && string.Equals(cached.Token, token, StringComparison.Ordinal))
            {
                (_token, _rejected) = (null, token);
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
