using Microsoft.Extensions.Logging;
using RealVision.Abstractions.Errors;

namespace RealVision.Engine.Printers;

/// <summary>Printer profiles: the built-in ones beside the binaries, then those in added folders.</summary>
public sealed class PrinterCatalog
{
    /// <summary>Name of the profile used when a request names no printer.</summary>
    public const string DefaultPrinter = "Generic Marlin";

    private readonly List<PrinterProfile> profiles = new();
    private readonly List<string> problems = new();

    /// <param name="folders">Folders in load order; the first is the built-in folder, which may be absent.</param>
    public PrinterCatalog(IEnumerable<string> folders, ILogger logger)
    {
        bool builtIn = true;
        foreach (string folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                if (!builtIn)
                {
                    Report(logger, $"printer folder {folder} does not exist");
                }

                builtIn = false;
                continue;
            }

            builtIn = false;
            foreach (string file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                try
                {
                    PrinterProfile profile = WorkstationReader.Read(file);
                    PrinterProfile? replaced = profiles.LastOrDefault(p => p.Matches(profile.Name) || profile.Aliases.Any(p.Matches));
                    if (replaced is not null)
                    {
                        Report(logger, $"printer profile {file} ('{profile.Name}') replaces '{replaced.Name}' from {replaced.Source} for the names they share");
                    }

                    profiles.Add(profile);
                }
                catch (InputException ex)
                {
                    Report(logger, $"printer profile {file} was not loaded: {ex.Message}");
                }
            }
        }
    }

    private void Report(ILogger logger, string problem)
    {
        problems.Add(problem);
        logger.LogWarning("{Problem}", problem);
    }

    public static string BuiltInFolder => Path.Combine(AppContext.BaseDirectory, "printers");

    public IReadOnlyList<PrinterProfile> Profiles => profiles;

    /// <summary>Profiles that could not be read, or that replace an earlier profile of the same name, with the reason.</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>
    /// Finds a printer by name or alias (the last added folder wins over
    /// built-ins) with its default preset, or with <paramref name="presetName"/>
    /// when given (URE003 when the file has no such preset).
    /// </summary>
    public PrinterProfile Find(string name, string? presetName = null)
    {
        PrinterProfile profile = profiles.LastOrDefault(p => p.Matches(name))
            ?? throw new InputException(ErrorCodes.UnknownPrinter,
                $"Unknown printer '{name}'. Known printers: {string.Join(", ", profiles.Select(p => p.Name))}; run `realvision printers`.");
        return presetName is null ? profile : WorkstationReader.Read(profile.Source, presetName);
    }
}
