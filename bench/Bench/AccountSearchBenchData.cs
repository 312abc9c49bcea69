using NavusoftSync.ContactDirectory.Accounts;

namespace NavusoftSync.Bench;

/// <summary>
/// Deterministic company accounts (two or three words from fixed lists and a legal suffix, 1-5 contacts with
/// first.last addresses at the company's domain) and a mix of picker queries drawn from them: name prefixes,
/// two-word prefixes, typos, full addresses, address prefixes and domains.
/// </summary>
internal static class AccountSearchBenchData
{
    private static readonly string[] Firsts =
    [
        "Green", "River", "Blue", "Oak", "Pine", "Maple", "Cedar", "Summit", "Harbor", "North", "South", "East", "West", "Silver", "Golden",
        "Eagle", "Falcon", "Granite", "Prairie", "Valley", "Lake", "Stone", "Iron", "Bright", "Clear", "Sunrise", "Sunset", "Metro", "Urban",
        "Coastal", "Mountain", "Pioneer", "Liberty", "Heritage", "Evergreen", "Redwood", "Willow", "Birch", "Aspen", "Hillside", "Lakeside",
        "Riverside", "Greenfield", "Westfield", "Brookside", "Fairview", "Highland", "Meadow", "Crystal", "Union", "Capital", "Premier",
    ];

    private static readonly string[] Seconds =
    [
        "Apartments", "Storage", "Logistics", "Properties", "Hauling", "Waste", "Recycling", "Construction", "Holdings", "Realty", "Management",
        "Services", "Industries", "Foods", "Farms", "Dental", "Medical", "Motors", "Builders", "Homes", "Estates", "Plaza", "Towers", "Market",
        "Supply", "Container", "Disposal", "Transport", "Energy", "Hospitality", "Schools", "Clinic", "Brewing", "Landscaping", "Paving",
    ];

    /// <summary>The query kinds, in the order <see cref="Queries"/> cycles through them.</summary>
    public static readonly string[] Kinds = ["name prefix", "two-word prefix", "typo", "address", "address prefix", "domain"];

    private static readonly string[] Suffixes = ["LLC", "Inc", "Co", "Group", "Partners", "Corp", "", "", ""];

    private static readonly string[] People =
    [
        "maria", "james", "linda", "robert", "patricia", "michael", "jennifer", "david", "elizabeth", "william", "susan", "richard", "jessica",
        "joseph", "sarah", "thomas", "karen", "charles", "nancy", "daniel", "lisa", "matthew", "betty", "anthony", "sandra", "mark", "ashley",
    ];

    private static readonly string[] Surnames =
    [
        "garcia", "smith", "johnson", "williams", "brown", "jones", "miller", "davis", "rodriguez", "martinez", "hernandez", "lopez", "wilson",
        "anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris", "sanchez", "clark",
    ];

    public static IEnumerable<Account> Accounts(string prefix, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var words = new List<string> { Pick(random, Firsts), Pick(random, Seconds) };
            if (random.Next(3) == 0)
            {
                words.Insert(1, Pick(random, Firsts));
            }

            var suffix = Pick(random, Suffixes);
            var name = string.Join(' ', words) + (suffix.Length > 0 ? $" {suffix}" : string.Empty);
            var domain = $"{string.Concat(words).ToLowerInvariant()}{i % 97}.com";
            var contacts = Enumerable.Range(0, random.Next(1, 6))
                .Select(c => new Contact($"c{c}", $"Contact {c}", $"{Pick(random, People)}.{Pick(random, Surnames)}{c}@{domain}"))
                .ToList();
            yield return new Account($"{prefix}-{i:000000}", name, contacts);
        }
    }

    /// <summary>Queries a picker user types, drawn from <paramref name="sample"/>: one kind after another.</summary>
    public static string[] Queries(IReadOnlyList<Account> sample, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => Query(sample[random.Next(sample.Count)], i % Kinds.Length, random))];
    }

    private static string Query(Account account, int kind, Random random)
    {
        var words = account.Name.Split(' ');
        var email = account.Contacts[random.Next(account.Contacts.Count)].Email;
        return kind switch
        {
            0 => words[0][..Math.Min(words[0].Length, 3 + random.Next(3))].ToLowerInvariant(),  // "gree"
            1 => $"{words[0]} {words[1][..Math.Min(words[1].Length, 3)]}".ToLowerInvariant(),  // "green apa"
            2 => Typo(words[^1].Length > 4 ? words[^1] : words[0], random),                      // "Grenfeild"
            3 => email,                                                                          // a whole address
            4 => email[..(email.IndexOf('@', StringComparison.Ordinal) + 4)],                    // "maria.garcia0@gre"
            _ => email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..],                    // "greenfieldapartments12.com"
        };
    }

    /// <summary>Two neighbouring letters inside the word swapped.</summary>
    private static string Typo(string word, Random random)
    {
        var letters = word.ToCharArray();
        var at = 1 + random.Next(Math.Max(1, letters.Length - 3));
        (letters[at], letters[at + 1]) = (letters[at + 1], letters[at]);
        return new string(letters);
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
