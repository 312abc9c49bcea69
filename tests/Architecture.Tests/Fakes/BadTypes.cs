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
