using System.Buffers.Binary;
using System.Text;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;

namespace RealVision.Formats.Stl;

/// <summary>
/// Reads binary and ASCII STL files into a workspace with one model named after the file.
/// All solid sections of an ASCII file go into that one model, and the engine places it on the bed.
/// </summary>
/// <remarks>
/// The reader chooses binary when the file size is exactly 84 + 50 × (declared facet count),
/// because binary headers often start with "solid" too. Otherwise it reads ASCII when the file
/// is text that starts with "solid", and binary in every other case.
/// </remarks>
public sealed class StlFormat : IInputFormat
{
    private static readonly string[] SupportedExtensions = { ".stl" };

    public string Name => "stl";

    public string Description => "STL meshes, binary and ASCII (vertices welded by exact coordinates).";

    public IReadOnlyList<string> Extensions => SupportedExtensions;

    public Workspace Read(Stream input, InputContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);

        try
        {
            if (input.CanSeek)
            {
                return ReadSeekable(input, context);
            }

            // Binary detection needs the length, so copy a forward-only stream to a temporary file first.
            using FileStream copy = CreateTemporaryCopy(input, context.CancellationToken);
            return ReadSeekable(copy, context);
        }
        catch (IOException exception)
        {
            throw new InputException(
                ErrorCodes.InvalidInput,
                $"{context.FileName}: the STL data could not be read ({exception.Message}). Check that the file is complete and readable.",
                exception);
        }
    }

    private static Workspace ReadSeekable(Stream input, InputContext context)
    {
        long start = input.Position;
        long length = input.Length - start;
        if (length <= 0)
        {
            throw StlErrors.Invalid(context, "the file is empty. Export the model again as STL.");
        }

        byte[] prefix = new byte[(int)Math.Min(length, StlTextProbe.PrefixLength)];
        input.ReadExactly(prefix);
        input.Position = start;

        Mesh mesh;
        if (length >= BinaryStlReader.HeaderLength && BinaryStlReader.MatchesLength(DeclaredFacetCount(prefix), length))
        {
            mesh = BinaryStlReader.Read(input, length, context);
        }
        else if (StlTextProbe.LooksLikeAscii(prefix))
        {
            mesh = AsciiStlReader.Read(input, context);
        }
        else if (StlTextProbe.IsText(prefix))
        {
            throw StlErrors.Invalid(
                context,
                "the file is text that does not start with 'solid', so it is not ASCII STL, and its size does not match binary STL. Check that this is the right file, or re-export it from your CAD tool.");
        }
        else if (length < BinaryStlReader.HeaderLength)
        {
            throw StlErrors.Invalid(
                context,
                $"the file holds {length} bytes, which is too short for binary STL (84-byte minimum), and it is not ASCII STL text starting with 'solid'. Re-export it from your CAD tool.");
        }
        else
        {
            // The size does not match the declared count. BinaryStlReader rejects missing data and warns about extra data.
            mesh = BinaryStlReader.Read(input, length, context);
        }

        var workspace = new Workspace { HasAbsolutePlacement = false };
        workspace.Models.Add(new ModelDefinition
        {
            Name = Path.GetFileName(context.FileName),
            Mesh = mesh,
        });
        return workspace;
    }

    private static uint DeclaredFacetCount(byte[] prefix) =>
        BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(BinaryStlReader.HeaderLength - 4, 4));

    private static FileStream CreateTemporaryCopy(Stream input, CancellationToken cancellationToken)
    {
        var copy = new FileStream(
            Path.GetTempFileName(),
            FileMode.Create,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 1 << 16,
            FileOptions.DeleteOnClose);
        try
        {
            input.CopyToAsync(copy, cancellationToken).GetAwaiter().GetResult();
            copy.Position = 0;
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }
}

/// <summary>Builds the InputException messages of the STL reader, each starting with the file name.</summary>
internal static class StlErrors
{
    public static InputException Invalid(InputContext context, string detail) =>
        new(ErrorCodes.InvalidInput, $"{context.FileName}: {detail}");
}

/// <summary>Checks the first bytes of a file for ASCII STL text.</summary>
internal static class StlTextProbe
{
    /// <summary>Number of leading bytes read to tell ASCII from binary STL.</summary>
    public const int PrefixLength = 512;

    /// <summary>
    /// Returns true when the prefix is text that starts, after optional whitespace and a UTF-8
    /// byte-order mark, with the keyword "solid", or is whitespace only. Control bytes other than
    /// whitespace mean binary data, such as the facet count that follows an 80-byte header.
    /// </summary>
    public static bool LooksLikeAscii(ReadOnlySpan<byte> prefix)
    {
        if (!IsText(prefix))
        {
            return false;
        }

        ReadOnlySpan<byte> text = prefix;
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        int first = 0;
        while (first < text.Length && IsWhitespace(text[first]))
        {
            first++;
        }

        text = text[first..];
        if (text.IsEmpty)
        {
            return true;
        }

        ReadOnlySpan<byte> keyword = "solid"u8;
        if (text.Length < keyword.Length || !Ascii.EqualsIgnoreCase(text[..keyword.Length], keyword))
        {
            return false;
        }

        return text.Length == keyword.Length || IsWhitespace(text[keyword.Length]);
    }

    /// <summary>Returns true when the bytes contain no control characters other than whitespace.</summary>
    public static bool IsText(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if ((b < 0x20 && !IsWhitespace(b)) || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0B or 0x0C;
}
