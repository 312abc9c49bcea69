namespace NavusoftSync.ContactDirectory.Contracts;

/// <summary>How every module compares email addresses: trimmed and lower-cased.</summary>
public static class EmailAddresses
{
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}
