namespace RealVision.Engine.Printers;

/// <summary>A printer with its default preset, read from a workstation XML file.</summary>
public sealed class PrinterProfile
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

    /// <summary>File the profile came from, shown by `realvision printers`.</summary>
    public required string Source { get; init; }

    /// <summary>Settings the printer and its preset set, keyed by setting name, in setting units.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    public string? PresetName { get; init; }

    public bool Matches(string name) =>
        Normalize(Name) == Normalize(name) || Aliases.Any(a => Normalize(a) == Normalize(name));

    // "CR-10", "CR10" and "cr 10" name the same printer.
    private static string Normalize(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
