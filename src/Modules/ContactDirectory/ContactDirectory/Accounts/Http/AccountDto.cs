namespace NavusoftSync.ContactDirectory.Accounts.Http;

public sealed record ContactDto(string? ContactId, string? Name, string? Email);

public sealed record UpsertAccountRequest(string? Name, IReadOnlyList<ContactDto>? Contacts);

/// <summary>The account as CONTRACT.md shows it.</summary>
public sealed record AccountResponse(string AccountId, string Name, IReadOnlyList<ContactDto> Contacts, string StreamId)
{
    internal static AccountResponse From(Account account) =>
        new(account.Id, account.Name, [.. account.Contacts.Select(c => new ContactDto(c.ContactId, c.Name, c.Email))], account.Id);
}
