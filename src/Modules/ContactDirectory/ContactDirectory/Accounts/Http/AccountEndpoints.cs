using Carter;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.BuildingBlocks.Errors;
using NavusoftSync.ContactDirectory.Accounts.AddingContact;
using NavusoftSync.ContactDirectory.Accounts.RemovingContact;
using NavusoftSync.ContactDirectory.Accounts.Searching;
using NavusoftSync.ContactDirectory.Accounts.Upserting;

namespace NavusoftSync.ContactDirectory.Accounts.Http;

/// <summary>The account calls of CONTRACT.md. Writes are for admins (Navusoft core); reads and the search for any user of the tenant.</summary>
public sealed class AccountEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("ContactDirectory").RequireAuthorization();

        accounts.MapPut("/{accountId}", UpsertAsync).RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .WithName("UpsertAccount").ProducesValidationProblem();
        accounts.MapGet("", SearchAsync).WithName("SearchAccounts").ProducesValidationProblem();
        accounts.MapGet("/{accountId}", GetAsync).WithName("GetAccount");
        accounts.MapPost("/{accountId}/contacts", AddContactAsync).RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .WithName("AddContact").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapDelete("/{accountId}/contacts/{contactId}", RemoveContactAsync).RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .WithName("RemoveContact");
    }

    private static async Task<Results<Created<AccountResponse>, Ok<AccountResponse>>> UpsertAsync(
        string accountId, UpsertAccountRequest request, ISender sender, CancellationToken ct)
    {
        var contacts = request.Contacts?.Select(c => new ContactInput(c.ContactId, c.Name, c.Email)).ToList();
        var result = await sender.Send(new UpsertAccount(accountId, request.Name, contacts), ct);
        var account = AccountResponse.From(result.Account);
        return result.Created
            ? TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(accountId)}", account)
            : TypedResults.Ok(account);
    }

    private static async Task<Ok<AccountSearchPage>> SearchAsync(string? q, string? limit, string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new SearchAccounts(q, limit, cursor), ct));

    private static async Task<Ok<AccountResponse>> GetAsync(string accountId, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(AccountResponse.From(
            await session.LoadAsync<Account>(accountId, ct) ?? throw DomainException.NotFound("Account", accountId)));

    private static async Task<Created<AccountResponse>> AddContactAsync(
        string accountId, ContactDto request, ISender sender, CancellationToken ct)
    {
        Account account;
        try
        {
            account = await sender.Send(new AddContact(accountId, request.ContactId, request.Name, request.Email), ct);
        }
        catch (DomainException conflict) when (conflict.Kind == DomainErrorKind.Conflict)
        {
            // The directory says what is wrong; the answer adds how to change a contact over this API.
            throw new ProblemException(
                StatusCodes.Status409Conflict, conflict.Title, $"{conflict.Message.TrimEnd('.')}; use PUT /api/accounts/{accountId} to change it.");
        }

        return TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(accountId)}", AccountResponse.From(account));
    }

    private static async Task<NoContent> RemoveContactAsync(string accountId, string contactId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RemoveContact(accountId, contactId), ct);
        return TypedResults.NoContent();
    }
}
