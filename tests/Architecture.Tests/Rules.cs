using System.Reflection;
using NetArchTest.Rules;

namespace NavusoftSync.Architecture.Tests;

/// <summary>The architecture rules, written once and run both over the real assemblies and over deliberately bad types.</summary>
internal static class Rules
{
    /// <summary>Module implementation assemblies, by module name. Add each module here as it lands.</summary>
    public static readonly IReadOnlyList<string> Modules = ["ContactDirectory", "Linking", "Synchronization", "Calendar"];

    public static Assembly Implementation(string module) => Assembly.Load(module);

    public static Assembly ContractsOf(string module) => Assembly.Load($"{module}.Contracts");

    /// <summary>Every type of a module's implementation, except those of its public Contracts namespace.</summary>
    public static string[] InternalsOf(string module) =>
        [.. Implementation(module).GetTypes()
            .Where(t => t.FullName is not null && !t.FullName.Contains('<', StringComparison.Ordinal) && t.Namespace is not null)
            .Select(t => t.FullName!)];

    /// <summary>Types that reach into another module's implementation (anything outside its Contracts).</summary>
    public static IReadOnlyList<string> ReachingIntoOtherModules(Func<Conditions> shouldNot, string? ownModule)
    {
        var failures = new List<string>();
        foreach (var other in Modules.Where(m => m != ownModule))
        {
            failures.AddRange(Failing(shouldNot().HaveDependencyOnAny(InternalsOf(other))));
        }

        return failures;
    }

    /// <summary>Types that depend on any module at all (for BuildingBlocks).</summary>
    public static IReadOnlyList<string> DependingOnModules(Func<Conditions> shouldNot) =>
        Failing(shouldNot().HaveDependencyOnAny([.. Modules.Select(m => $"NavusoftSync.{m}")]));

    /// <summary>
    /// Types that compose a module, i.e. call its single entry point (only Host may). An entry point
    /// naming itself (<c>typeof(LinkingModule).Assembly</c>) is not composing anything.
    /// </summary>
    public static IReadOnlyList<string> ComposingModules(Func<Conditions> shouldNot) =>
        [.. Modules.Select(m => $"NavusoftSync.{m}.{m}Module")
            .SelectMany(entry => Failing(shouldNot().HaveDependencyOnAny([entry])).Where(t => t != entry))
            .Distinct(StringComparer.Ordinal)];

    private static IReadOnlyList<string> Failing(ConditionList condition)
    {
        var result = condition.GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }
}
