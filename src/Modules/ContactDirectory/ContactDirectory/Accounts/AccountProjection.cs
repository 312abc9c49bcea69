using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NavusoftSync.ContactDirectory.Accounts;

/// <summary>The inline snapshot of an account stream, evolved by <see cref="Account.Fold"/> and nothing else.</summary>
internal sealed class AccountProjection : SingleStreamProjection<Account, string>
{
    public AccountProjection()
    {
        IncludeType<AccountRegistered>();
        IncludeType<AccountRenamed>();
        IncludeType<ContactAdded>();
        IncludeType<ContactRenamed>();
        IncludeType<ContactEmailChanged>();
        IncludeType<ContactRemoved>();
    }

    public override Account? Evolve(Account? snapshot, string id, IEvent e) => Account.Fold(snapshot, e.Data);
}
