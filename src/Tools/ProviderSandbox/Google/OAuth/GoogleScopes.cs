namespace NavusoftSync.Tools.ProviderSandbox.Google.OAuth;

/// <summary>Google expands the short OpenID scopes in what it reports as granted.</summary>
internal static class GoogleScopes
{
    public static string Normalize(string scope) => string.Join(' ', scope
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(s => s switch
        {
            "email" => "https://www.googleapis.com/auth/userinfo.email",
            "profile" => "https://www.googleapis.com/auth/userinfo.profile",
            _ => s,
        })
        .Distinct(StringComparer.Ordinal));
}
