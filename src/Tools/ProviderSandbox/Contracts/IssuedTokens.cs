namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>Tokens issued directly by the control API, as if the user had consented.</summary>
public sealed record IssuedTokens(string AccessToken, string? RefreshToken, int ExpiresIn, string Scope, string? IdToken);

/// <summary>Optional request body of <c>POST /_sandbox/mailboxes/{email}/tokens</c>.</summary>
public sealed record IssueTokensRequest
{
    public string? ClientId { get; init; }

    public string? Scope { get; init; }
}
