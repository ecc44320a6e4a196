namespace RealVision.Abstractions.Errors;

/// <summary>
/// Base of the errors the engine reports to users. <see cref="ErrorCode"/> is a
/// portal code (URE000..URE007, SF000) or one of our own documented codes.
/// </summary>
public abstract class RealVisionException : Exception
{
    protected RealVisionException(string errorCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
    }

    public string ErrorCode { get; }
}

/// <summary>Invalid input data: a model file, workspace or printer configuration.</summary>
public sealed class InputException : RealVisionException
{
    public InputException(string errorCode, string message, Exception? inner = null)
        : base(errorCode, message, inner)
    {
    }

    /// <summary>Invalid request or input (portal code URE000).</summary>
    public static InputException Invalid(string message) => new(ErrorCodes.InvalidInput, message);
}

/// <summary>A setting value that is unknown, unparsable or out of range.</summary>
public sealed class SettingsException : RealVisionException
{
    public SettingsException(string message)
        : base(ErrorCodes.InvalidSetting, message)
    {
    }
}

/// <summary>Slicing failed on valid input (portal code SF000).</summary>
public sealed class SlicingException : RealVisionException
{
    public SlicingException(string message, Exception? inner = null)
        : base(ErrorCodes.SlicingFailed, message, inner)
    {
    }
}

/// <summary>A dialect could not produce its output, such as a template with a syntax error (our own code RV003).</summary>
public sealed class DialectException : RealVisionException
{
    public DialectException(string message, Exception? inner = null)
        : base(ErrorCodes.DialectFailed, message, inner)
    {
    }
}
