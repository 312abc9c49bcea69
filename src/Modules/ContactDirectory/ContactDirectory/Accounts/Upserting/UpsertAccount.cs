using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.ContactDirectory.Accounts.Upserting;

public sealed record ContactInput(string? ContactId, string? Name, string? Email);

/// <summary>Sets an account's name and its full contact list (PUT semantics, idempotent).</summary>
public sealed record UpsertAccount(string AccountId, string? Name, IReadOnlyList<ContactInput>? Contacts) : ICommand<UpsertAccountResult>;

/// <param name="Created">The account did not exist before.</param>
/// <param name="EventsAppended">How many events the upsert appended (0 when nothing changed).</param>
/// <param name="Account">The account as it is after the upsert.</param>
public sealed record UpsertAccountResult(bool Created, int EventsAppended, Account Account);

internal sealed class UpsertAccountHandler(IDocumentSession session, TimeProvider clock)
    : ICommandHandler<UpsertAccount, UpsertAccountResult>
{
    public async ValueTask<UpsertAccountResult> Handle(UpsertAccount command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Account>(command.AccountId, cancellationToken);
        var events = Decide(command, stream.Aggregate, clock.GetUtcNow());
        if (events.Count > 0)
        {
            stream.AppendMany(events);
        }

        var account = events.Aggregate(stream.Aggregate, Account.Fold)!;
        return new UpsertAccountResult(stream.Aggregate is null, events.Count, account);
    }

    /// <summary>The events that turn <paramref name="state"/> into what the command describes.</summary>
    internal static IReadOnlyList<object> Decide(UpsertAccount command, Account? state, DateTimeOffset now)
    {
        var events = new List<object>();
        var name = command.Name?.Trim() ?? string.Empty;
        var wanted = (command.Contacts ?? [])
            .Select(c => new Contact(c.ContactId?.Trim() ?? string.Empty, c.Name?.Trim() ?? string.Empty, EmailAddressRule.Normalize(c.Email ?? string.Empty)))
            .ToList();

        if (state is null)
        {
            events.Add(new AccountRegistered(command.AccountId, name, now));
            events.AddRange(wanted.Select(c => new ContactAdded(command.AccountId, c.ContactId, c.Name, c.Email, now)));
            return events;
        }

        if (state.Name != name)
        {
            events.Add(new AccountRenamed(command.AccountId, name, now));
        }

        var wantedIds = wanted.Select(c => c.ContactId).ToHashSet(StringComparer.Ordinal);
        events.AddRange(state.Contacts
            .Where(c => !wantedIds.Contains(c.ContactId))
            .Select(c => new ContactRemoved(command.AccountId, c.ContactId, c.Email, now)));

        foreach (var contact in wanted)
        {
            var existing = state.FindContact(contact.ContactId);
            if (existing is null)
            {
                events.Add(new ContactAdded(command.AccountId, contact.ContactId, contact.Name, contact.Email, now));
            }
            else if (existing.Email != contact.Email)
            {
                events.Add(new ContactEmailChanged(command.AccountId, contact.ContactId, contact.Name, existing.Email, contact.Email, now));
            }
            else if (existing.Name != contact.Name)
            {
                events.Add(new ContactRenamed(command.AccountId, contact.ContactId, contact.Email, contact.Name, now));
            }
        }

        return events;
    }
}
