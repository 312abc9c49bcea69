using FluentValidation;
using Mediator;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// The account search of pickers (<c>GET /api/accounts?q=&amp;limit=&amp;cursor=</c>): the session tenant's accounts
/// whose name matches the words, prefixes or (with small typos) the whole of <see cref="Q"/>, or whose contacts'
/// addresses start so. The query string values arrive as text, so a malformed one is a field error, not a 500.
/// </summary>
public sealed record SearchAccounts(string? Q, string? Limit, string? Cursor) : IQuery<AccountSearchPage>
{
    public const int MaxQueryLength = 100;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    internal string Text => Q?.Trim() ?? string.Empty;

    internal int PageSize => int.TryParse(Limit, out var limit) ? limit : DefaultLimit;
}

/// <param name="MatchedOn"><c>name</c> or <c>email</c>.</param>
public sealed record AccountSearchHit(string AccountId, string Name, int ContactCount, string MatchedOn);

/// <param name="NextCursor">Null on the last page.</param>
public sealed record AccountSearchPage(IReadOnlyList<AccountSearchHit> Items, string? NextCursor);

internal sealed class SearchAccountsValidator : AbstractValidator<SearchAccounts>
{
    public SearchAccountsValidator()
    {
        RuleFor(q => q.Q).Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("Required: the text to search for.")
            .Must(q => q is null || q.Trim().Length <= SearchAccounts.MaxQueryLength)
            .WithMessage($"At most {SearchAccounts.MaxQueryLength} characters.");
        RuleFor(q => q.Limit)
            .Must(l => l is null || (int.TryParse(l, out var n) && n is >= 1 and <= SearchAccounts.MaxLimit))
            .WithMessage($"A whole number from 1 to {SearchAccounts.MaxLimit}.");
        RuleFor(q => q.Cursor)
            .Must(c => c is null || AccountSearchCursor.TryDecode(c, out _))
            .WithMessage("Not a cursor this search handed out: pass nextCursor from the previous page unchanged.");
    }
}
