using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Tokens;

/// <summary>Authorization codes, access tokens and refresh tokens of both providers. Thread-safe.</summary>
internal sealed class TokenStore(TimeProvider clock, SandboxOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _redeemed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessGrant> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refresh = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consented = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset Now => clock.GetUtcNow();

    public AuthorizationCode IssueCode(
        SandboxProvider provider,
        string email,
        string clientId,
        string redirectUri,
        string? codeChallenge,
        string? codeChallengeMethod,
        string scope,
        string? nonce,
        bool issueRefreshToken)
    {
        var code = new AuthorizationCode(
            SandboxIds.Token(provider == SandboxProvider.Microsoft ? "M.C5" : "4/0A"),
            provider,
            email,
            clientId,
            redirectUri,
            codeChallenge,
            codeChallengeMethod,
            scope,
            nonce,
            issueRefreshToken,
            Now + options.AuthorizationCodeLifetime);
        lock (_gate)
        {
            _codes[code.Code] = code;
        }

        return code;
    }

    /// <summary>Takes a code out of circulation: a second redemption fails whatever the first one's outcome.</summary>
    public (AuthorizationCode? Code, CodeFailure Failure) Redeem(string code, SandboxProvider provider)
    {
        lock (_gate)
        {
            if (_redeemed.Contains(code))
            {
                return (null, CodeFailure.AlreadyRedeemed);
            }

            if (!_codes.Remove(code, out var found) || found.Provider != provider)
            {
                return (null, CodeFailure.Unknown);
            }

            _redeemed.Add(code);
            return found.ExpiresAt <= Now ? (null, CodeFailure.Expired) : (found, CodeFailure.None);
        }
    }

    public TokenPair Issue(SandboxProvider provider, string email, string clientId, string scope, bool withRefreshToken)
    {
        var lifetime = options.AccessTokenLifetime;
        var access = new AccessGrant(
            SandboxIds.Token(provider == SandboxProvider.Microsoft ? "EwB" : "ya29."),
            provider,
            email,
            clientId,
            scope,
            Now + lifetime);
        var refresh = withRefreshToken
            ? new RefreshGrant(SandboxIds.Token(provider == SandboxProvider.Microsoft ? "M.R3_" : "1//0"), provider, email, clientId, scope)
            : null;
        lock (_gate)
        {
            _access[access.Token] = access;
            if (refresh is not null)
            {
                _refresh[refresh.Token] = refresh;
            }
        }

        return new TokenPair(access, refresh, (int)Math.Round(lifetime.TotalSeconds));
    }

    public RefreshGrant? FindRefresh(string token, SandboxProvider provider)
    {
        lock (_gate)
        {
            return _refresh.TryGetValue(token, out var grant) && grant.Provider == provider ? grant : null;
        }
    }

    /// <summary>New access token for a refresh token; with <paramref name="rotate"/> the refresh token is replaced (the old one dies).</summary>
    public TokenPair Refresh(RefreshGrant grant, bool rotate, string scope)
    {
        if (!rotate)
        {
            return Issue(grant.Provider, grant.Email, grant.ClientId, scope, withRefreshToken: false);
        }

        lock (_gate)
        {
            _refresh.Remove(grant.Token);
        }

        return Issue(grant.Provider, grant.Email, grant.ClientId, scope, withRefreshToken: true);
    }

    /// <summary>Resolves an <c>Authorization: Bearer</c> value (or a bare token) to its grant.</summary>
    public (AccessGrant? Grant, AuthFailure Failure) Authenticate(string? token, SandboxProvider provider)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (null, AuthFailure.Missing);
        }

        lock (_gate)
        {
            if (!_access.TryGetValue(token.Trim(), out var grant) || grant.Provider != provider)
            {
                return (null, AuthFailure.Invalid);
            }

            return grant.ExpiresAt <= Now ? (null, AuthFailure.Expired) : (grant, AuthFailure.None);
        }
    }

    public int ExpireAccessTokens(string email)
    {
        lock (_gate)
        {
            var now = Now;
            var expired = _access.Values
                .Where(g => g.Email.Equals(email, StringComparison.OrdinalIgnoreCase) && g.ExpiresAt > now)
                .Select(g => g with { ExpiresAt = now })
                .ToList();
            expired.ForEach(g => _access[g.Token] = g);
            return expired.Count;
        }
    }

    /// <summary>Forgets every token and consent of a mailbox, as when the user revokes the app.</summary>
    public void Revoke(string email)
    {
        lock (_gate)
        {
            Remove(_access, g => g.Email.Equals(email, StringComparison.OrdinalIgnoreCase));
            Remove(_refresh, g => g.Email.Equals(email, StringComparison.OrdinalIgnoreCase));
            _consented.RemoveWhere(key => key.EndsWith("|" + email, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Revokes the grant a token belongs to (access or refresh): every token of that client for that mailbox dies.</summary>
    public bool RevokeGrant(string token, SandboxProvider provider)
    {
        lock (_gate)
        {
            var (email, clientId) = _access.TryGetValue(token, out var access) && access.Provider == provider ? (access.Email, access.ClientId)
                : _refresh.TryGetValue(token, out var refresh) && refresh.Provider == provider ? (refresh.Email, refresh.ClientId)
                : (null, null);
            if (email is null)
            {
                return false;
            }

            Remove(_access, g => g.Email == email && g.ClientId == clientId);
            Remove(_refresh, g => g.Email == email && g.ClientId == clientId);
            _consented.Remove($"{provider}|{clientId}|{email}");
            return true;
        }
    }

    /// <summary>Records a Google consent; true the first time this client is granted this mailbox.</summary>
    public bool RecordConsent(SandboxProvider provider, string clientId, string email)
    {
        lock (_gate)
        {
            return _consented.Add($"{provider}|{clientId}|{email}");
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _codes.Clear();
            _redeemed.Clear();
            _access.Clear();
            _refresh.Clear();
            _consented.Clear();
        }
    }

    private static void Remove<T>(Dictionary<string, T> map, Func<T, bool> predicate)
    {
        foreach (var key in map.Where(pair => predicate(pair.Value)).Select(pair => pair.Key).ToList())
        {
            map.Remove(key);
        }
    }
}
