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
}
