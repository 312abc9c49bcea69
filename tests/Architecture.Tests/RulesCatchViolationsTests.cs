using NetArchTest.Rules;

namespace NavusoftSync.Architecture.Tests;

/// <summary>Each rule is proven by a deliberately bad type that it must report (and a good one it must not).</summary>
public sealed class RulesCatchViolationsTests
{
    private static Func<Conditions> Fakes(string area) =>
        () => Types.InAssembly(typeof(RulesCatchViolationsTests).Assembly).That().ResideInNamespace($"NavusoftSync.Architecture.Tests.Fakes.{area}").ShouldNot();

    [Fact]
    public void Reaching_into_another_modules_internals_is_caught_but_its_contracts_are_fine()
    {
        var failing = Rules.ReachingIntoOtherModules(Fakes("OtherModule"), "OtherModule");
        Assert.Contains(failing, t => t.EndsWith("ReadsContactDirectoryState", StringComparison.Ordinal));
        Assert.DoesNotContain(failing, t => t.EndsWith("UsesContactDirectoryContracts", StringComparison.Ordinal));
    }

    [Fact]
    public void A_building_block_that_knows_a_module_is_caught() =>
        Assert.Contains(Rules.DependingOnModules(Fakes("BuildingBlock")), t => t.EndsWith("KnowsAModule", StringComparison.Ordinal));

    [Fact]
    public void Composing_a_module_outside_the_host_is_caught() =>
        Assert.Contains(Rules.ComposingModules(Fakes("Composer")), t => t.EndsWith("ComposesAModule", StringComparison.Ordinal));

    [Fact]
    public void Referencing_another_modules_implementation_assembly_is_caught() =>
        Assert.Contains("ContactDirectory", Rules.ReferencedModules([typeof(RulesCatchViolationsTests).Assembly], "Linking", contractsToo: false));

    [Fact]
    public void A_building_block_referencing_a_modules_contracts_assembly_is_caught()
    {
        Assert.Contains("ContactDirectory", Rules.ReferencedModules([typeof(RulesCatchViolationsTests).Assembly], null, contractsToo: true));
        Assert.DoesNotContain("ContactDirectory", Rules.ReferencedModules([typeof(RulesCatchViolationsTests).Assembly], "ContactDirectory", contractsToo: true));
    }

    [Fact]
    public void Contracts_referencing_building_blocks_marten_or_a_module_are_caught()
    {
        var forbidden = Rules.ForbiddenContractReferences(typeof(RulesCatchViolationsTests).Assembly);
        Assert.Contains("BuildingBlocks", forbidden);
        Assert.Contains("Marten", forbidden);
        Assert.Contains("ContactDirectory", forbidden);
    }

    [Fact]
    public void An_endpoint_module_carter_cannot_find_is_caught()
    {
        var hidden = Rules.HiddenEndpointModules(typeof(RulesCatchViolationsTests).Assembly.GetTypes().Where(t => t.Namespace == "NavusoftSync.Architecture.Tests.Fakes.Endpoints"));
        Assert.Contains(hidden, t => t.EndsWith("HiddenEndpoints", StringComparison.Ordinal));
        Assert.DoesNotContain(hidden, t => t.EndsWith("VisibleEndpoints", StringComparison.Ordinal));
    }

    [Fact]
    public void One_type_name_in_two_modules_is_caught_but_not_a_unique_or_compiler_generated_one()
    {
        var types = typeof(RulesCatchViolationsTests).Assembly.GetTypes();
        IEnumerable<Type> In(string area) => types.Where(t => t.Namespace == $"NavusoftSync.Architecture.Tests.Fakes.{area}");

        var shared = Rules.NamesInSeveralModules([("ModuleA", In("ModuleA")), ("ModuleB", In("ModuleB"))]);

        // Both Widgets hold a lambda, so both have a compiler-generated nested <>c: only Widget is reported.
        Assert.Equal(["Widget: ModuleA, ModuleB"], shared);
    }
}
