using System.Globalization;
using RealVision.Abstractions.Errors;
using RealVision.Dialects.Gcode;

namespace RealVision.Dialects.Bgcode;

/// <summary>What the bgcode_* settings ask for: the G-code blocks' compression and the thumbnail sizes.</summary>
internal sealed record BgcodeOptions(BgcodeCompression Compression, IReadOnlyList<(int Width, int Height)> Thumbnails)
{
    /// <summary>Largest thumbnail side accepted, pixels.</summary>
    public const int MaxThumbnailSide = 1024;

    /// <exception cref="DialectException">A bgcode setting has an invalid value; the message names it.</exception>
    public static BgcodeOptions From(IReadOnlyDictionary<string, string> settings)
    {
        IReadOnlyDictionary<string, string> all = GcodeSettingDefaults.Complete(settings);
        string compressionText = all["bgcode_compression"].Trim();
        BgcodeCompression compression = compressionText.ToLowerInvariant() switch
        {
            "deflate" => BgcodeCompression.Deflate,
            "none" => BgcodeCompression.None,
            _ => throw new DialectException(
                $"Setting 'bgcode_compression' is '{compressionText}'; use 'deflate' or 'none'."),
        };

        return new BgcodeOptions(compression, ParseThumbnails(all["bgcode_thumbnails"]));
    }

    private static List<(int Width, int Height)> ParseThumbnails(string text)
    {
        var sizes = new List<(int Width, int Height)>();
        foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = item.Split('x', 'X');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
                || width is < 1 or > MaxThumbnailSide
                || height is < 1 or > MaxThumbnailSide)
            {
                throw new DialectException(
                    $"Setting 'bgcode_thumbnails' has the invalid size '{item}'; use WIDTHxHEIGHT pairs of 1 to {MaxThumbnailSide} pixels separated by commas, such as 16x16,220x124, or an empty value for none.");
            }

            sizes.Add((width, height));
        }

        return sizes;
    }
}
