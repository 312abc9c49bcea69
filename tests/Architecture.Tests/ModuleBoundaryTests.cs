using NetArchTest.Rules;

namespace NavusoftSync.Architecture.Tests;

public sealed class ModuleBoundaryTests
{
    public static TheoryData<string> Modules => [.. Rules.Modules];

    private static readonly System.Reflection.Assembly[] BuildingBlocks =
    [
        typeof(NavusoftSync.BuildingBlocks.BuildingBlocksSetup).Assembly,
        typeof(NavusoftSync.BuildingBlocks.Contracts.Integration.IIntegrationEvent).Assembly,
    ];

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_uses_other_modules_only_through_their_contracts(string module)
    {
        Assert.Empty(Rules.ReachingIntoOtherModules(() => Types.InAssembly(Rules.Implementation(module)).ShouldNot(), module));
        Assert.Empty(Rules.ReferencedModules([Rules.Implementation(module)], module, contractsToo: false));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_modules_contracts_reference_no_implementation(string module)
    {
        Assert.Empty(Rules.ForbiddenContractReferences(Rules.ContractsOf(module)));
        Assert.Empty(Rules.ReachingIntoOtherModules(() => Types.InAssembly(Rules.ContractsOf(module)).ShouldNot(), null));
    }

    [Fact]
    public void BuildingBlocks_reference_no_module()
    {
        Assert.Empty(Rules.DependingOnModules(() => Types.InAssemblies(BuildingBlocks).ShouldNot()));
        Assert.Empty(Rules.ReferencedModules(BuildingBlocks, null, contractsToo: true));
    }

    [Fact]
    public void Only_the_host_composes_modules()
    {
        var notHost = Rules.Modules.SelectMany(m => new[] { Rules.Implementation(m), Rules.ContractsOf(m) }).Concat(BuildingBlocks).ToArray();
        foreach (var module in Rules.Modules)
        {
            var others = Types.InAssemblies(notHost.Where(a => a != Rules.Implementation(module)));
            Assert.Empty(Rules.ComposingModules(() => others.ShouldNot()));
        }

        Assert.NotEmpty(Rules.ComposingModules(() => Types.InAssembly(typeof(Program).Assembly).ShouldNot()));
    }

    [Fact]
    public void Endpoint_modules_are_public_so_carter_finds_them() =>
        Assert.Empty(Rules.Modules.SelectMany(m => Rules.HiddenEndpointModules(Rules.Implementation(m).GetTypes())));

    [Fact]
    public void No_two_types_in_different_modules_share_a_name() =>
        Assert.Empty(Rules.NamesInSeveralModules(Rules.EveryModuleAndBuildingBlocks()));
}
