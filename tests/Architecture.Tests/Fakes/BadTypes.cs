using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.ContactDirectory;
using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Contracts;

// Deliberately bad types: each rule must catch its own one (see RulesCatchViolationsTests).
namespace NavusoftSync.Architecture.Tests.Fakes.OtherModule
{
    internal sealed class ReadsContactDirectoryState
    {
        public Account? Peek(Account account) => account;
    }

    internal sealed class UsesContactDirectoryContracts
    {
        public FindContactsByEmails Query() => new(["a@b.com"]);
    }
}

namespace NavusoftSync.Architecture.Tests.Fakes.BuildingBlock
{
    internal sealed class KnowsAModule
    {
        public ContactMatch? Match { get; init; }
    }
}

namespace NavusoftSync.Architecture.Tests.Fakes.Composer
{
    internal static class ComposesAModule
    {
        public static IServiceCollection Compose(IServiceCollection services, IConfiguration configuration) =>
            services.AddContactDirectoryModule(configuration);
    }
}

namespace NavusoftSync.Architecture.Tests.Fakes.Contracts
{
    /// <summary>Contracts that lean on the implementation's tools: BuildingBlocks and Marten.</summary>
    internal sealed record LeansOnImplementation(NavusoftSync.BuildingBlocks.Integration.InboxRecord Inbox, Marten.IDocumentSession Session);
}

namespace NavusoftSync.Architecture.Tests.Fakes.Endpoints
{
    internal sealed class HiddenEndpoints : Carter.ICarterModule
    {
        public void AddRoutes(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
        {
        }
    }

    public sealed class VisibleEndpoints : Carter.ICarterModule
    {
        public void AddRoutes(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
        {
        }
    }
}

namespace NavusoftSync.Architecture.Tests.Fakes.ModuleA
{
    internal sealed class Widget
    {
        public IEnumerable<int> Doubled(IEnumerable<int> values) => values.Select(v => v * 2);
    }

    internal sealed record OnlyInModuleA(string Id);
}

namespace NavusoftSync.Architecture.Tests.Fakes.ModuleB
{
    public sealed class Widget
    {
        public IEnumerable<int> Halved(IEnumerable<int> values) => values.Select(v => v / 2);
    }
}
