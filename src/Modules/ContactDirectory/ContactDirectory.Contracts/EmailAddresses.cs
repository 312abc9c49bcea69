namespace NavusoftSync.ContactDirectory.Contracts;

/// <summary>
/// The form in which the directory stores and looks up addresses (trimmed, lower-cased), for
/// callers of <see cref="FindContactsByEmails"/>. It is <c>BuildingBlocks.Email.EmailAddressRule.Normalize</c>,
/// repeated here because a contracts project references no BuildingBlocks implementation; modules
/// that reference BuildingBlocks call that rule.
/// </summary>
public static class EmailAddresses
{
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}
