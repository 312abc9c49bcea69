namespace NavusoftSync.Synchronization.Runs.Checks;

/// <summary>
/// What one part (mail or calendar) of a completeness check found: each matched provider id once, either already stored
/// for the link (<see cref="Present"/>) or missing (<see cref="Missing"/>, to be recorded). A search reports a message
/// once per batch of addresses it involves, so ids already counted are not counted again.
/// </summary>
internal sealed class CompletenessTally
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missing = new(StringComparer.Ordinal);

    public int Present { get; private set; }

    public IReadOnlyCollection<string> Missing => _missing;

    /// <summary>Counts the ids not counted before; answers those of them that are missing (not in <paramref name="stored"/>).</summary>
    public IReadOnlySet<string> Count(IEnumerable<string> ids, IReadOnlySet<string> stored)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids.Where(_seen.Add))
        {
            if (stored.Contains(id))
            {
                Present++;
            }
            else
            {
                _missing.Add(id);
                missing.Add(id);
            }
        }

        return missing;
    }

    /// <summary>
    /// The part's result once its items are recorded: missing items now stored are repaired; those still missing count as
    /// expected only when the run skipped them (they could not be read or recorded), never when a privacy rule filtered them.
    /// </summary>
    public CompletenessCount Resolve(IReadOnlySet<string> storedNow, IReadOnlySet<string> skipped)
    {
        var repaired = _missing.Count(storedNow.Contains);
        var failed = _missing.Count(id => !storedNow.Contains(id) && skipped.Contains(id));
        return new CompletenessCount(Present + repaired + failed, Present, repaired);
    }
}

/// <summary>Expected, present and repaired items of a check, or of one of its parts.</summary>
internal sealed record CompletenessCount(int Expected, int Present, int Repaired)
{
    public static readonly CompletenessCount Zero = new(0, 0, 0);

    public CompletenessCount Add(CompletenessCount other) => new(Expected + other.Expected, Present + other.Present, Repaired + other.Repaired);
}
