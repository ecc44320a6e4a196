namespace RealVision.Cli;

/// <summary>Process exit codes of the `realvision` command (listed in the README).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected internal error; the message includes the exception.</summary>
    public const int Internal = 1;

    /// <summary>The command line is invalid: unknown option, missing argument, malformed --set.</summary>
    public const int Usage = 2;

    /// <summary>The input file, printer configuration or a setting is invalid.</summary>
    public const int InvalidInput = 3;

    /// <summary>Slicing or writing the output failed on valid input.</summary>
    public const int SlicingFailed = 4;

    /// <summary>Interrupted by Ctrl+C.</summary>
    public const int Cancelled = 130;
}
