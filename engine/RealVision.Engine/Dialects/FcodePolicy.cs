using RealVision.Abstractions.Errors;

namespace RealVision.Engine.Dialects;

/// <summary>
/// Why a request for Fcode output is rejected: the container of Create it
/// REAL's Fcode is known, but its command stream is an undocumented byte
/// code, and a file that looks like Fcode and is not would be worse than
/// none. Those printers also take G-code, which the engine writes for them.
/// </summary>
public static class FcodePolicy
{
    public const string Message =
        "Fcode output is not available: its command stream is undocumented, so the engine cannot write a file the printer would run correctly. "
        + "Create it REAL printers also take G-code: request output format gcode (the default for these printers) and send the .gcode file.";

    /// <summary>True when <paramref name="format"/> names Fcode (".fcode", "Fcode", any case).</summary>
    public static bool IsFcode(string? format) =>
        string.Equals(format?.Trim().TrimStart('.'), "fcode", StringComparison.OrdinalIgnoreCase);

    public static InputException Rejection() => new(ErrorCodes.FcodeNotWritten, Message);
}
