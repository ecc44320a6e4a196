using System.Text;
using RealVision.Fcode;

namespace RealVision.Dialects.Tests;

/// <summary>
/// Reads the two damaged service samples of the 20 mm cube. Expected values
/// come from the hex dumps of the samples (stored bytes that survived the
/// UTF-8 damage) and from the cube's slicing: 0.2 mm layers with the first
/// at 0.199 mm, 99 layers in the table.
/// </summary>
public sealed class FcodeInspectorTests
{
    private const string FamilyBSample = "cubetest.1558432618287.fcode";
    private const string FamilyASample = "cubetest.1554213269406.fcode";

    private static FcodeFile Read(string name) =>
        FcodeInspector.Read(Path.Combine(AppContext.BaseDirectory, "data", "fcode", name));

    [Fact]
    public void FamilyB_HeaderFields()
    {
        FcodeFile file = Read(FamilyBSample);

        Assert.True(file.IsDamaged);
        Assert.Equal(697_641, file.StoredLength);
        Assert.Equal("CIR", file.Header.Magic);
        Assert.Equal(0x25F13, file.Header.BodyOffset.Value);
        Assert.Equal(0, file.Header.Word07.Value);
        Assert.Equal(1103, file.Header.PrintTime.Value);
        Assert.Equal(1360, file.Header.FilamentLength.Value);
        Assert.Equal(0, file.Header.ZOrigin.Value);
        Assert.Equal(0, file.Header.Word61.Value);
        Assert.Equal(4, file.Header.Word63.Value);
        Assert.Equal(0, file.Header.Word65.Value);
        Assert.True(file.BodyOffsetMatchesLayout);
    }

    [Fact]
    public void FamilyB_PrinterIdentity()
    {
        FcodeFile file = Read(FamilyBSample);

        Assert.Equal(3, file.Printer.ElectronicVersion.Value);
        Assert.Equal(0, file.Printer.Manufacturer.Value);
        Assert.Equal(1, file.Printer.Model.Value);
    }

    [Fact]
    public void FamilyB_LayerTable()
    {
        FcodeFile file = Read(FamilyBSample);

        Assert.Equal(FcodeFamily.B, file.Family);
        Assert.Equal(100, file.Records.Count);
        Assert.Equal(99, file.Layers.Count());
        Assert.Null(file.EndRecord);

        // Start record: 00 02 64 05, flag 00, X = Y = 0, Z 120 (0.03 mm, the park height before layer 1).
        FcodeLayerRecord start = file.StartRecord;
        Assert.Equal(FcodeRecordKind.Start, start.Kind);
        Assert.Equal(156_677, start.Offset.Value);
        Assert.Equal(0, start.X.Value);
        Assert.Equal(0, start.Y.Value);
        Assert.Equal(120, start.Z.Value);
        Assert.Equal(0.03, start.ZMm!.Value.Millimetres!.Value, 9);

        // Layer 11, every byte intact: 00 03 04 65 | 00 | 00 00 14 78 | 00 00 1a 54 | 00 00 25 7c.
        FcodeLayerRecord layer11 = file.Layers.Single(r => r.LayerIndex == 11);
        Assert.Equal(12, layer11.Index);
        Assert.Equal(0x00030465, layer11.Offset.Value);
        Assert.Equal(0x1478, layer11.X.Value);
        Assert.Equal(0x1A54, layer11.Y.Value);
        Assert.Equal(0x257C, layer11.Z.Value);
        Assert.Equal(65.5, layer11.XMm!.Value.Millimetres!.Value, 9);
        Assert.Equal(84.25, layer11.YMm!.Value.Millimetres!.Value, 9);
        Assert.Equal(2.399, layer11.ZMm!.Value.Millimetres!.Value, 9);
    }

    [Fact]
    public void FamilyB_LayerHeights()
    {
        FcodeFile file = Read(FamilyBSample);

        var exactZ = file.Records.Where(r => r.Z.IsExact).ToList();
        Assert.Equal(33, exactZ.Count);
        foreach (FcodeLayerRecord layer in file.Layers)
        {
            double expectedMm = 0.199 + 0.2 * layer.LayerIndex!.Value;
            Assert.True(layer.ZMm!.Value.MinMm <= expectedMm + 1e-9, $"layer {layer.LayerIndex}: Z {layer.ZMm} is above {expectedMm} mm");
            Assert.True(layer.ZMm.Value.MaxMm >= expectedMm - 1e-9, $"layer {layer.LayerIndex}: Z {layer.ZMm} is below {expectedMm} mm");
            if (layer.Z.IsExact)
            {
                Assert.Equal(796 + 800 * layer.LayerIndex.Value, layer.Z.Value);
            }
        }

        Assert.Equal(19.799, file.Layers.Last().ZMm!.Value.Millimetres!.Value, 9);
    }

    [Fact]
    public void FamilyB_OffsetsFollowBlocks()
    {
        FcodeFile file = Read(FamilyBSample);

        Assert.Equal(34, file.Records.Count(r => r.OffsetField.IsExact));
        Assert.Equal(100, file.Body.BlockMarkers.Count);
        Assert.Equal(4, file.StartRecord.Drift);

        // Swallowed bytes only accumulate, so the drift never decreases along the file.
        long previous = 0;
        foreach (FcodeLayerRecord record in file.Records.Where(r => r.Drift is not null))
        {
            Assert.True(record.Drift >= previous, $"record {record.Index}: drift {record.Drift} after {previous}");
            previous = record.Drift!.Value;
        }

        // Layers 10 and 11 are both intact: their offsets differ by the 535-byte even layer block.
        FcodeLayerRecord layer10 = file.Layers.Single(r => r.LayerIndex == 10);
        FcodeLayerRecord layer11 = file.Layers.Single(r => r.LayerIndex == 11);
        Assert.Equal(535, layer11.Offset.Value - layer10.Offset.Value);
    }

    [Fact]
    public void FamilyB_NarrowedOffsetsStayInField()
    {
        FcodeFile file = Read(FamilyBSample);

        foreach (FcodeLayerRecord record in file.Records)
        {
            Assert.True(record.OffsetField.Contains(record.Offset.Min), $"record {record.Index}: {record.Offset} starts outside {record.OffsetField}");
            Assert.True(record.OffsetField.Contains(record.Offset.Max), $"record {record.Index}: {record.Offset} ends outside {record.OffsetField}");
        }

        // Offsets increase with the records, so neighbouring ranges never run backwards.
        for (int i = 1; i < file.Records.Count; i++)
        {
            Assert.True(file.Records[i].Offset.Max > file.Records[i - 1].Offset.Min, $"record {i}");
        }

        Assert.True(file.Records.Count(r => r.Offset.IsExact) >= 34);
    }

    [Fact]
    public void FamilyB_PreviewAndBody()
    {
        FcodeFile file = Read(FamilyBSample);

        Assert.Equal(320, file.Preview.Width.Value);
        Assert.Equal(240, file.Preview.Height.Value);
        Assert.Equal(153_600, file.Preview.PixelTokenCount);
        Assert.False(file.Preview.PixelsKnown);
        Assert.Equal(2, file.Body.SyncMarkers.Count);
        Assert.Equal(new byte[] { 0x00 }, file.Body.BlockMarkerFamilyBytes);
        Assert.True(file.Body.HasKnownEndTail);
    }

    [Fact]
    public void FamilyA_HeaderAsBounds()
    {
        FcodeFile file = Read(FamilyASample);

        Assert.Equal(0x25F13, file.Header.BodyOffset.Value);
        Assert.Equal(new FcodeValue(0x3680, 0x36FF), file.Header.Word07);
        Assert.Equal(new FcodeValue(0x180, 0x1FF), file.Header.PrintTime);
        Assert.Equal(new FcodeValue(0x480, 0x4FF), file.Header.FilamentLength);
        Assert.Equal(new FcodeValue(0x4F80, 0x4FFF), file.Header.ZOrigin);
        Assert.Equal(3, file.Header.Word63.Value);
        Assert.Equal(2, file.Printer.ElectronicVersion.Value);
        Assert.Equal(28, file.Printer.Manufacturer.Value);
        Assert.Equal(1, file.Printer.Model.Value);
    }

    [Fact]
    public void FamilyA_LayerTable()
    {
        FcodeFile file = Read(FamilyASample);

        Assert.Equal(FcodeFamily.A, file.Family);
        Assert.True(file.Units!.IsApproximate);
        Assert.Equal(100, file.Records.Count);
        Assert.Equal(99, file.Layers.Count());
        Assert.Equal(new byte[] { 0x02 }, file.Body.BlockMarkerFamilyBytes);
        Assert.Equal(49, file.Records.Count(r => r.Z.IsExact && r.Kind == FcodeRecordKind.Layer));

        // Z falls as the layers rise; where intact, it lies within 0.005 mm of the cube's layer heights.
        foreach (FcodeLayerRecord layer in file.Layers.Where(r => r.Z.IsExact))
        {
            double expectedMm = 0.199 + 0.2 * layer.LayerIndex!.Value;
            Assert.InRange(layer.ZMm!.Value.Millimetres!.Value, expectedMm - 0.005, expectedMm + 0.005);
        }

        // Layer 1 starts at (12120, 12120) here and at (6714, 6714) = 83.925 mm in family B.
        FcodeLayerRecord layer1 = file.Layers.Single(r => r.LayerIndex == 1);
        Assert.Equal(12120, layer1.X.Value);
        Assert.Equal(12120, layer1.Y.Value);
        Assert.InRange(layer1.XMm!.Value.Millimetres!.Value, 83.9, 83.95);
    }

    [Fact]
    public void UndamagedFile_ReadsExactValues()
    {
        byte[] data = SyntheticFcode.Build(out SyntheticFcode.Expected expected);

        FcodeFile file = FcodeInspector.Read(data);

        Assert.False(file.IsDamaged);
        Assert.Equal(expected.BodyOffset, file.Header.BodyOffset.Value);
        Assert.True(file.BodyOffsetMatchesLayout);
        Assert.Equal(FcodeFamily.B, file.Family);
        Assert.Equal(expected.Records.Length, file.Records.Count);
        for (int i = 0; i < expected.Records.Length; i++)
        {
            Assert.Equal(expected.Records[i].Offset, file.Records[i].Offset.Value);
            Assert.Equal(expected.Records[i].X, file.Records[i].X.Value);
            Assert.Equal(expected.Records[i].Y, file.Records[i].Y.Value);
            Assert.Equal(expected.Records[i].Z, file.Records[i].Z.Value);
            Assert.Equal(0, file.Records[i].Drift);
        }

        Assert.True(file.Preview.PixelsKnown);
        Assert.Equal(240, file.Preview.Height.Value);
    }

    [Fact]
    public void DamagedCopy_BoundsContainTruth()
    {
        byte[] original = SyntheticFcode.Build(out SyntheticFcode.Expected expected);
        // The same damage the demo clients did: decode as UTF-8 with replacement, encode again.
        byte[] damaged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original));

        FcodeFile file = FcodeInspector.Read(damaged);

        Assert.True(file.IsDamaged);
        Assert.True(file.Header.BodyOffset.Contains(expected.BodyOffset));
        Assert.True(file.Header.PrintTime.Contains(expected.PrintTime));
        Assert.False(file.Header.PrintTime.IsExact);
        Assert.Equal(expected.Records.Length, file.Records.Count);
        for (int i = 0; i < expected.Records.Length; i++)
        {
            Assert.True(file.Records[i].OffsetField.Contains(expected.Records[i].Offset), $"record {i} offset field");
            Assert.True(file.Records[i].Offset.Contains(expected.Records[i].Offset), $"record {i} offset");
            Assert.True(file.Records[i].X.Contains(expected.Records[i].X), $"record {i} X");
            Assert.True(file.Records[i].Y.Contains(expected.Records[i].Y), $"record {i} Y");
            Assert.True(file.Records[i].Z.Contains(expected.Records[i].Z), $"record {i} Z");
        }

        Assert.Equal(153_600, file.Preview.PixelTokenCount);
        Assert.Equal(240, file.Preview.Height.Value);
    }

    [Fact]
    public void WrongMagic_IsRejected()
    {
        byte[] data = SyntheticFcode.Build(out _);
        data[0] = (byte)'X';

        var ex = Assert.Throws<FcodeFormatException>(() => FcodeInspector.Read(data));
        Assert.Contains("CIR", ex.Message);
    }

    [Fact]
    public void TruncatedTable_IsRejected()
    {
        byte[] data = SyntheticFcode.Build(out _)[..150];

        var ex = Assert.Throws<FcodeFormatException>(() => FcodeInspector.Read(data));
        Assert.Contains("layer table", ex.Message);
    }

    [Fact]
    public void Report_ListsFieldsAndLayers()
    {
        FcodeFile file = Read(FamilyBSample);
        var text = new StringWriter();

        FcodeReport.Write(text, file, FamilyBSample);

        string report = text.ToString();
        Assert.Contains("0x03 body offset", report);
        Assert.Contains("155411", report);
        Assert.Contains("electronic version", report);
        Assert.Contains("Layout family: B", report);
        // One table line per record (start and 99 layers), each starting with the record number.
        int tableLines = report.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(words => words.Length > 2 && int.TryParse(words[0], out _) && words[1] is "start" or "layer");
        Assert.Equal(100, tableLines);
    }
}
