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
        var references = Rules.Implementation(module).GetReferencedAssemblies().Select(a => a.Name).ToHashSet();
        Assert.DoesNotContain(Rules.Modules, m => m != module && references.Contains(m));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_modules_contracts_reference_no_implementation(string module)
    {
        var references = Rules.ContractsOf(module).GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(references, r => Rules.Modules.Contains(r) || r == "BuildingBlocks" || r == "Marten");
        Assert.Empty(Rules.ReachingIntoOtherModules(() => Types.InAssembly(Rules.ContractsOf(module)).ShouldNot(), null));
    }

    [Fact]
    public void BuildingBlocks_reference_no_module()
    {
        Assert.Empty(Rules.DependingOnModules(() => Types.InAssemblies(BuildingBlocks).ShouldNot()));
        Assert.DoesNotContain(BuildingBlocks.SelectMany(a => a.GetReferencedAssemblies()), r => Rules.Modules.Any(m => r.Name!.StartsWith(m, StringComparison.Ordinal)));
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
    public void Endpoint_modules_are_public_so_carter_finds_them()
    {
        foreach (var module in Rules.Modules)
        {
            var result = Types.InAssembly(Rules.Implementation(module)).That().ImplementInterface(typeof(Carter.ICarterModule)).Should().BePublic().GetResult();
            Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
        }
    }
}
