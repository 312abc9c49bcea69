using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace NavusoftSync.Linking.Credentials;

/// <summary>
/// Encrypts the module's secrets with ASP.NET Core Data Protection (authenticated encryption under
/// the key ring persisted in PostgreSQL, see ADR 0007). Each payload's purpose chain names what it
/// is and whose it is (tenant, link or state), so a ciphertext copied into another row, tenant or
/// link does not decrypt.
/// </summary>
internal sealed class SecretProtector(IDataProtectionProvider provider)
{
    private const string CredentialsPurpose = "NavusoftSync.Linking.Credentials.v1";
    private const string VerifierPurpose = "NavusoftSync.Linking.PkceVerifier.v1";

    private readonly IDataProtector _credentials = provider.CreateProtector(CredentialsPurpose);
    private readonly IDataProtector _verifiers = provider.CreateProtector(VerifierPurpose);

    public string ProtectTokens(TokenSet tokens, string tenantId, string linkId) =>
        _credentials.CreateProtector(tenantId, linkId).Protect(JsonSerializer.Serialize(new StoredTokens(tokens.AccessToken, tokens.RefreshToken)));

    public TokenSet UnprotectTokens(string protectedTokens, string tenantId, string linkId)
    {
        var stored = JsonSerializer.Deserialize<StoredTokens>(_credentials.CreateProtector(tenantId, linkId).Unprotect(protectedTokens))
            ?? throw new InvalidOperationException("Empty credentials payload.");
        return new TokenSet(stored.A, stored.R);
    }

    public string ProtectVerifier(string verifier, string tenantId, string stateHash) =>
        _verifiers.CreateProtector(tenantId, stateHash).Protect(verifier);

    public string UnprotectVerifier(string protectedVerifier, string tenantId, string stateHash) =>
        _verifiers.CreateProtector(tenantId, stateHash).Unprotect(protectedVerifier);

    private sealed record StoredTokens(string A, string? R);
}
