using RealVision.Abstractions.Errors;

namespace RealVision.Interop;

/// <summary>A failure detected by the interop layer itself, with the status to return.</summary>
internal sealed class InteropException : Exception
{
    public InteropException(int status, string message, string? portalCode = null)
        : base(message)
    {
        Status = status;
        PortalCode = portalCode;
    }

    public int Status { get; }

    public string? PortalCode { get; }
}

/// <summary>Turns any exception into a status code, a message and the engine's error code for the C caller.</summary>
internal static unsafe class ErrorReporting
{
    /// <summary>Fills <paramref name="error"/> (when not NULL) and returns the status; never throws.</summary>
    public static int Report(Exception exception, BridgeError* error)
    {
        int status;
        string? portalCode;
        string message;
        try
        {
            (status, portalCode, message) = Classify(exception);
        }
        catch (Exception)
        {
            // Building the message itself failed (out of memory, most likely).
            (status, portalCode, message) = (Status.Internal, null, "An error occurred, and its message could not be built.");
        }

        if (error != null)
        {
            error->Status = status;
            error->Message = NativeAllocator.TryCopyUtf8(message);
            error->PortalCode = portalCode is null ? null : NativeAllocator.TryCopyUtf8(portalCode);
        }

        return status;
    }

    private static (int Status, string? PortalCode, string Message) Classify(Exception exception)
    {
        // Parallel loops inside the engine wrap what a worker threw; report the first cause.
        while (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception switch
        {
            InteropException e => (e.Status, e.PortalCode, e.Message),
            OperationCanceledException => (Status.Cancelled, null, "The slice was cancelled: the progress callback returned non-zero."),
            InputException e => (Status.Input, e.ErrorCode, e.Message),
            SettingsException e => (Status.Settings, e.ErrorCode, e.Message),

            // SlicingException (SF000) and DialectException (RV003): valid input that could not be sliced or written.
            RealVisionException e => (Status.Slicing, e.ErrorCode, e.Message),
            OutOfMemoryException e => (Status.OutOfMemory, null, $"Out of memory: {e.Message}"),
            FileNotFoundException or DirectoryNotFoundException => (Status.Input, ErrorCodes.MissingFile, exception.Message),
            IOException or UnauthorizedAccessException => (Status.Input, ErrorCodes.InvalidInput, $"Reading the input failed: {exception.Message}"),
            _ => (Status.Internal, null, $"Internal error in the engine ({exception.GetType().FullName}): {exception.Message}"),
        };
    }
}
