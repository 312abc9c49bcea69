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

    /// <summary>
    /// The other modules whose implementation assembly the assemblies reference (with
    /// <paramref name="contractsToo"/>, whose Contracts too).
    /// </summary>
    public static IReadOnlyList<string> ReferencedModules(IEnumerable<Assembly> assemblies, string? ownModule, bool contractsToo) =>
        [.. assemblies.SelectMany(a => a.GetReferencedAssemblies())
            .SelectMany(r => Modules.Where(m => m != ownModule && (r.Name == m || (contractsToo && r.Name == $"{m}.Contracts"))))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>What a Contracts assembly must not reference: any module implementation, BuildingBlocks or Marten.</summary>
    public static IReadOnlyList<string> ForbiddenContractReferences(Assembly contracts) =>
        [.. contracts.GetReferencedAssemblies().Select(r => r.Name!).Where(r => Modules.Contains(r) || r == "BuildingBlocks" || r == "Marten")];

    /// <summary>Carter modules that are not public (Carter finds only public ones).</summary>
    public static IReadOnlyList<string> HiddenEndpointModules(IEnumerable<Type> types) =>
        [.. types.Where(t => typeof(Carter.ICarterModule).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false, IsVisible: false }).Select(t => t.FullName!)];

    /// <summary>
    /// Type names declared in more than one module (public and internal types, nested ones too,
    /// compiler-generated ones left out), each as "Name: ModuleA, ModuleB".
    /// </summary>
    public static IReadOnlyList<string> NamesInSeveralModules(IEnumerable<(string Module, IEnumerable<Type> Types)> modules) =>
        [.. modules
            .SelectMany(m => m.Types.Where(IsDeclaredByHand).Select(t => (m.Module, t.Name)))
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Modules: g.Select(t => t.Module).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .Where(g => g.Modules.Count > 1)
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => $"{g.Name}: {string.Join(", ", g.Modules)}")];

    /// <summary>Every module's implementation and Contracts, and BuildingBlocks with its Contracts, by module.</summary>
    public static IEnumerable<(string Module, IEnumerable<Type> Types)> EveryModuleAndBuildingBlocks() =>
        [.. Modules.Select(m => (m, (IEnumerable<Type>)[.. Implementation(m).GetTypes(), .. ContractsOf(m).GetTypes()])),
            ("BuildingBlocks", [.. Assembly.Load("BuildingBlocks").GetTypes(), .. Assembly.Load("BuildingBlocks.Contracts").GetTypes()])];

    private static bool IsDeclaredByHand(Type type) =>
        !type.Name.Contains('<', StringComparison.Ordinal)
        && !type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false)
        && (type.IsNested ? type.IsNestedPublic || type.IsNestedAssembly || type.IsNestedFamORAssem : type.IsPublic || type.IsNotPublic);

    private static IReadOnlyList<string> Failing(ConditionList condition)
    {
        var result = condition.GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }
}
