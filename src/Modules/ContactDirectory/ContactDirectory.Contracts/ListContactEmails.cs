using Mediator;

namespace NavusoftSync.ContactDirectory.Contracts;

/// <summary>
/// The distinct (normalized) contact addresses of the current tenant's accounts, in ordinal order, one page of at most
/// <paramref name="Limit"/> (1 to <see cref="MaxLimit"/>) after <paramref name="After"/> (null: from the first). A
/// caller reads every address by asking again with <see cref="ContactEmailPage.Next"/> until it is null.
/// </summary>
public sealed record ListContactEmails(string? After, int Limit = ListContactEmails.MaxLimit) : IQuery<ContactEmailPage>
{
    public const int MaxLimit = 1000;
}

/// <summary>A page of contact addresses; <see cref="Next"/> is the <c>After</c> of the next page, null on the last.</summary>
public sealed record ContactEmailPage(IReadOnlyList<string> Emails, string? Next);
