namespace NavusoftSync.Linking.OAuth;

/// <summary>What a provider's token endpoint granted. Never printed: <see cref="ToString"/> hides the tokens.</summary>
internal sealed record TokenGrant(string AccessToken, string? RefreshToken, TimeSpan ExpiresIn, string? Scope, string? IdToken)
{
    public override string ToString() =>
        $"TokenGrant {{ ExpiresIn = {ExpiresIn}, Scope = {Scope}, RefreshToken = {(RefreshToken is null ? "none" : "***")} }}";
}

/// <summary>The external account a grant belongs to: the provider's stable id and its mailbox address.</summary>
internal sealed record ExternalAccount(string Id, string Address, string? DisplayName);

/// <summary>What goes into an authorization URL.</summary>
internal sealed record AuthorizationRequest(string State, string CodeChallenge, string RedirectUri, string? LoginHint);
