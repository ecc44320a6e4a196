using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Toolpaths;
using RealVision.Dialects.Bgcode;
using RealVision.Dialects.Gcode;
using RealVision.Geometry;

namespace RealVision.Dialects.Tests;

/// <summary>The bgcode dialect, checked with a reader written from the format specification.</summary>
public sealed class BgcodeTests
{
    private static (BgcodeReader File, byte[] Bytes, string Gcode) WriteBoth(string flavour, IReadOnlyList<LayerToolpath>? layers = null, params (string Key, string Value)[] settings)
    {
        PrintJob job = TestJobs.Job(flavour, null, settings);
        string gcode = Encoding.UTF8.GetString(TestJobs.Write(new GcodeDialect(), job, layers));
        byte[] bytes = TestJobs.Write(new BgcodeDialect(), job, layers);
        return (BgcodeReader.Read(bytes), bytes, gcode);
    }

    [Theory]
    [InlineData("marlin", "deflate")]
    [InlineData("marlin", "none")]
    [InlineData("klipper", "deflate")]
    [InlineData("reprapfirmware", "none")]
    public void GcodeBlocks_EqualAsciiGcode(string flavour, string compression)
    {
        (BgcodeReader file, _, string gcode) = WriteBoth(flavour, null, ("bgcode_compression", compression));

        Assert.All(file.Blocks, block => Assert.True(block.ChecksumMatches, $"block at {block.Offset}: CRC mismatch"));
        Assert.Equal(gcode, file.GcodeText);
        int expectedCompression = compression == "deflate" ? 1 : 0;
        Assert.All(file.Blocks.Where(b => b.Type == BgcodeReader.Gcode), b => Assert.Equal(expectedCompression, b.Compression));
    }

    [Fact]
    public void FileHeader_AndBlockOrder()
    {
        (BgcodeReader file, byte[] bytes, _) = WriteBoth("marlin");

        Assert.Equal("GCDE"u8.ToArray(), bytes[..4]);
        Assert.Equal(1u, file.Version);
        Assert.Equal(1, file.ChecksumType);
        int[] types = file.Blocks.Select(b => b.Type).ToArray();
        int[] expectedStart =
        [
            BgcodeReader.FileMetadata, BgcodeReader.PrinterMetadata, BgcodeReader.Thumbnail, BgcodeReader.Thumbnail,
            BgcodeReader.PrintMetadata, BgcodeReader.SlicerMetadata,
        ];
        Assert.Equal(expectedStart, types[..6]);
        Assert.All(types[6..], type => Assert.Equal(BgcodeReader.Gcode, type));
        Assert.True(types.Length > 6);
    }

    [Fact]
    public void BlockHeaders_SizeFollowsCompression()
    {
        (BgcodeReader file, _, _) = WriteBoth("marlin");

        foreach (BgcodeReader.Block block in file.Blocks)
        {
            Assert.Equal(block.Compression == 0 ? 8 : 12, block.HeaderSize);
            Assert.Equal(block.Type == BgcodeReader.Thumbnail ? 6 : 2, block.Parameters.Length);
            if (block.Type != BgcodeReader.Thumbnail)
            {
                Assert.Equal(0, block.Encoding); // INI metadata, plain G-code
            }
        }

        // Metadata the printer reads first stays uncompressed.
        Assert.Equal(0, file.Blocks.Single(b => b.Type == BgcodeReader.PrinterMetadata).Compression);
    }

    [Fact]
    public void ChangedByte_FailsChecksum()
    {
        (BgcodeReader file, byte[] bytes, _) = WriteBoth("marlin", null, ("bgcode_compression", "none"));
        BgcodeReader.Block block = file.Blocks.First(b => b.Type == BgcodeReader.Gcode);
        int dataStart = (int)block.Offset + block.HeaderSize + block.Parameters.Length;

        bytes[dataStart + 10] ^= 0x20;
        BgcodeReader changed = BgcodeReader.Read(bytes);

        Assert.False(changed.Blocks.Single(b => b.Offset == block.Offset).ChecksumMatches);
        Assert.All(changed.Blocks.Where(b => b.Offset != block.Offset), b => Assert.True(b.ChecksumMatches));
    }

    [Fact]
    public void LongGcode_SplitsAtLineEnds()
    {
        // 60 layers of 400 short lines make well over 64 KiB of text.
        IReadOnlyList<LayerToolpath> layers = ManyLayers(60, 400);
        (BgcodeReader file, _, string gcode) = WriteBoth("marlin", layers);

        List<BgcodeReader.Block> blocks = file.Blocks.Where(b => b.Type == BgcodeReader.Gcode).ToList();
        Assert.True(Encoding.UTF8.GetByteCount(gcode) > 3 * 65536);
        Assert.True(blocks.Count >= 4);
        Assert.All(blocks, b => Assert.InRange(b.Data.Length, 1, 65536));
        Assert.All(blocks, b => Assert.Equal((byte)'\n', b.Data[^1]));
        Assert.Equal(gcode, file.GcodeText);
    }

    [Fact]
    public void Thumbnails_ArePngsOfRequestedSize()
    {
        (BgcodeReader file, _, _) = WriteBoth("marlin", null, ("bgcode_thumbnails", "16x16, 64x48"));

        var thumbnails = file.Blocks.Where(b => b.Type == BgcodeReader.Thumbnail).ToList();
        Assert.Equal(2, thumbnails.Count);
        (int Width, int Height)[] sizes = [(16, 16), (64, 48)];
        for (int i = 0; i < sizes.Length; i++)
        {
            ReadOnlySpan<byte> parameters = thumbnails[i].Parameters;
            Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(parameters)); // PNG
            Assert.Equal(sizes[i].Width, BinaryPrimitives.ReadUInt16LittleEndian(parameters[2..]));
            Assert.Equal(sizes[i].Height, BinaryPrimitives.ReadUInt16LittleEndian(parameters[4..]));

            PngCheck.Image image = PngCheck.Read(thumbnails[i].Data);
            Assert.Equal(sizes[i].Width, image.Width);
            Assert.Equal(sizes[i].Height, image.Height);
            Assert.Equal(8, image.BitDepth);
            Assert.Equal(6, image.ColourType);
            Assert.Equal(sizes[i].Height * (1 + 4 * sizes[i].Width), image.Scanlines.Length);
            Assert.True(OpaquePixels(image) > 0, "the thumbnail shows no extrusion");
        }
    }

    [Fact]
    public void Thumbnail_ShowsSquareOutline()
    {
        (BgcodeReader file, _, _) = WriteBoth("marlin", null, ("bgcode_thumbnails", "40x40"));
        PngCheck.Image image = PngCheck.Read(file.Blocks.Single(b => b.Type == BgcodeReader.Thumbnail).Data);

        // The 20 mm square fills the view, so its outline runs along the image's edges
        // (one-pixel margin) and the wall corners are drawn.
        Assert.True(Alpha(image, 1, 1) == 255, "top-left corner");
        Assert.True(Alpha(image, 38, 38) == 255, "bottom-right corner");
        Assert.Equal(0, Alpha(image, 0, 0));
    }

    [Fact]
    public void NoThumbnails_WhenSettingEmpty()
    {
        (BgcodeReader file, _, string gcode) = WriteBoth("marlin", null, ("bgcode_thumbnails", ""));

        Assert.DoesNotContain(file.Blocks, b => b.Type == BgcodeReader.Thumbnail);
        Assert.Equal(gcode, file.GcodeText);
    }

    [Fact]
    public void Metadata_CarriesPrinterAndTotals()
    {
        (BgcodeReader file, _, _) = WriteBoth("marlin", null, ("printer_model", "MK4"), ("filament_type", "PETG"), ("infill_density", "0.15"));

        var producer = file.Blocks.Single(b => b.Type == BgcodeReader.FileMetadata).Entries();
        Assert.Equal(new KeyValuePair<string, string>("Producer", "RealVision Engine 0.1.0-test"), Assert.Single(producer));

        var printer = file.Blocks.Single(b => b.Type == BgcodeReader.PrinterMetadata).Entries().ToDictionary();
        Assert.Equal("MK4", printer["printer_model"]);
        Assert.Equal("PETG", printer["filament_type"]);
        Assert.Equal("0.4", printer["nozzle_diameter"]);
        Assert.Equal("15%", printer["fill_density"]);
        Assert.Equal("0.8", printer["max_layer_z"]);

        // 4 layers of 30 s.
        var print = file.Blocks.Single(b => b.Type == BgcodeReader.PrintMetadata).Entries().ToDictionary();
        Assert.Equal("2m 0s", print["estimated printing time (normal mode)"]);
        double filament = TestJobs.FilamentMm(TestJobs.Layers(), 1.75);
        Assert.Equal(filament.ToString("0.00", CultureInfo.InvariantCulture), print["filament used [mm]"]);

        var slicer = file.Blocks.Single(b => b.Type == BgcodeReader.SlicerMetadata).Entries().ToDictionary();
        Assert.Equal("marlin", slicer["gcode_flavor"]);
        Assert.Equal("1.75", slicer["filament_diameter"]);
    }

    [Fact]
    public void PrinterModel_DefaultsToPrinterName()
    {
        (BgcodeReader file, _, _) = WriteBoth("marlin");

        var printer = file.Blocks.Single(b => b.Type == BgcodeReader.PrinterMetadata).Entries().ToDictionary();
        Assert.Equal("Test Printer", printer["printer_model"]);
    }

    [Theory]
    [InlineData("bgcode_thumbnails", "16x16,big", "'big'")]
    [InlineData("bgcode_thumbnails", "0x16", "'0x16'")]
    [InlineData("bgcode_compression", "heatshrink", "'heatshrink'")]
    public void InvalidSetting_WritesNothing(string key, string value, string expected)
    {
        using var stream = new MemoryStream();
        PrintJob job = TestJobs.Job("marlin", null, (key, value));

        var error = Assert.Throws<DialectException>(() => new BgcodeDialect().CreateWriter(stream, job));

        Assert.Contains(key, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void TemplateError_WritesNothing()
    {
        using var folder = new TempFolder();
        folder.Write("broken/layer_change.scriban", "M117 {{ missing_variable }}\n");
        folder.Write("broken/flavor.json", """{ "name": "broken", "version": "1", "base": "marlin", "overrides": ["layer_change"] }""");
        using var stream = new MemoryStream();

        var error = Assert.Throws<DialectException>(() => new BgcodeDialect().CreateWriter(stream, TestJobs.Job("broken", [folder.Path])));

        Assert.Contains("layer_change.scriban, line 1, column 9", error.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void NothingWritten_BeforeFinish()
    {
        PrintJob job = TestJobs.Job("marlin");
        using var stream = new MemoryStream();
        using var writer = new BgcodeDialect().CreateWriter(stream, job);

        foreach (LayerToolpath layer in TestJobs.Layers())
        {
            writer.WriteLayer(layer);
        }

        Assert.Equal(0, stream.Length);
        writer.Finish(job.Statistics);
        Assert.True(stream.Length > 0);
    }

    private static int OpaquePixels(PngCheck.Image image)
    {
        int count = 0;
        int stride = 1 + 4 * image.Width;
        for (int row = 0; row < image.Height; row++)
        {
            for (int column = 0; column < image.Width; column++)
            {
                if (image.Scanlines[row * stride + 1 + 4 * column + 3] == 255)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static byte Alpha(PngCheck.Image image, int column, int row) =>
        image.Scanlines[row * (1 + 4 * image.Width) + 1 + 4 * column + 3];

    private static IReadOnlyList<LayerToolpath> ManyLayers(int count, int segments)
    {
        var layers = new List<LayerToolpath>();
        for (int i = 0; i < count; i++)
        {
            var zigzag = new Path64();
            for (int k = 0; k < segments; k++)
            {
                zigzag.Add(new Point64(50_000 + (k % 2) * 20_000, 50_000 + k * 50));
            }

            layers.Add(new LayerToolpath
            {
                Index = i,
                Z = 200 + 200L * i,
                Height = 200,
                Items = [new Travel(zigzag[0], true, 150), new ExtrusionPath(Feature.Infill, zigzag, false, 400, 200, 60)],
                FanSpeed = 1,
                NozzleTemperatureC = 200,
                EstimatedTimeS = 10,
            });
        }

        return layers;
    }
}
