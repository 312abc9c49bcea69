using JasperFx.Events;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.ContactDirectory.Integration;

/// <summary>Publishes <see cref="ContactEmailAppeared"/> and <see cref="ContactEmailDisappeared"/> per account contact.</summary>
internal sealed class ContactDirectoryPublisher(IntegrationEventDispatcher dispatcher, ILogger<ContactDirectoryPublisher> logger)
    : IntegrationEventSubscription(dispatcher, logger)
{
    public const string SubscriptionName = "contact_directory_publisher";

    public static readonly Type[] PublishedFrom = [typeof(ContactAdded), typeof(ContactEmailChanged), typeof(ContactRemoved)];

    protected override IEnumerable<IIntegrationEvent> Map(IEvent storedEvent) => storedEvent.Data switch
    {
        ContactAdded e => [new ContactEmailAppeared(e.AccountId, e.ContactId, e.Email)],
        ContactEmailChanged e => [new ContactEmailDisappeared(e.AccountId, e.ContactId, e.OldEmail), new ContactEmailAppeared(e.AccountId, e.ContactId, e.NewEmail)],
        ContactRemoved e => [new ContactEmailDisappeared(e.AccountId, e.ContactId, e.Email)],
        _ => [],
    };
}
