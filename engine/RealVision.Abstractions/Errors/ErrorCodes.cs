namespace RealVision.Abstractions.Errors;

/// <summary>Error codes: the REALvision portal's, and ours where none of them fits (documented in docs/errors.md).</summary>
public static class ErrorCodes
{
    /// <summary>Request body or input missing, not parseable, or lacking a member.</summary>
    public const string InvalidInput = "URE000";

    /// <summary>Workspace file name lacks the .rvwj extension (or the input has an unsupported extension).</summary>
    public const string WrongWorkspaceExtension = "URE001";

    /// <summary>Printer configuration name lacks the .xml extension.</summary>
    public const string WrongConfigExtension = "URE002";

    /// <summary>No stored configuration for the printer or preset.</summary>
    public const string UnknownPrinter = "URE003";

    /// <summary>Printer configuration supplied but empty.</summary>
    public const string EmptyConfig = "URE004";

    /// <summary>A referenced file is missing.</summary>
    public const string MissingFile = "URE006";

    /// <summary>Slicing failed.</summary>
    public const string SlicingFailed = "SF000";

    /// <summary>A setting is unknown, unparsable or out of its range (our own code).</summary>
    public const string InvalidSetting = "RV001";

    /// <summary>A plugin could not be loaded or is incompatible (our own code).</summary>
    public const string PluginFailed = "RV002";

    /// <summary>A dialect failed to write its output, for instance a template error (our own code).</summary>
    public const string DialectFailed = "RV003";

    /// <summary>Fcode output was requested; the engine writes G-code instead because Fcode's command stream is undocumented (our own code).</summary>
    public const string FcodeNotWritten = "RV004";
}
