using Microsoft.Extensions.Logging;
using RealVision.Abstractions.Errors;

namespace RealVision.Engine.Printers;

/// <summary>Printer profiles: the built-in ones beside the binaries, then those in added folders.</summary>
public sealed class PrinterCatalog
{
    /// <summary>Name of the profile used when a request names no printer.</summary>
    public const string DefaultPrinter = "Generic Marlin";

    private readonly List<PrinterProfile> profiles = new();

    public PrinterCatalog(IEnumerable<string> folders, ILogger logger)
    {
        foreach (string folder in folders.Where(Directory.Exists))
        {
            foreach (string file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                try
                {
                    profiles.Add(WorkstationReader.Read(file));
                }
                catch (InputException ex)
                {
                    logger.LogWarning("Printer profile {File} was not loaded: {Reason}", file, ex.Message);
                }
            }
        }
    }

    public static string BuiltInFolder => Path.Combine(AppContext.BaseDirectory, "printers");

    public IReadOnlyList<PrinterProfile> Profiles => profiles;

    /// <summary>Finds a printer by name or alias; the last added folder wins over built-ins.</summary>
    public PrinterProfile Find(string name) =>
        profiles.LastOrDefault(p => p.Matches(name))
        ?? throw new InputException(ErrorCodes.UnknownPrinter,
            $"Unknown printer '{name}'. Known printers: {string.Join(", ", profiles.Select(p => p.Name))}; run `realvision printers`.");
}
