using System.Globalization;

namespace RealVision.Fcode;

/// <summary>Writes what <see cref="FcodeInspector"/> read as text: header fields, printer identity, preview, body landmarks and the layer table.</summary>
public static class FcodeReport
{
    /// <summary>Writes the report for <paramref name="file"/>, titled with <paramref name="name"/>.</summary>
    public static void Write(TextWriter output, FcodeFile file, string name)
    {
        WriteSummary(output, file, name);
        output.WriteLine();
        WriteHeader(output, file);
        output.WriteLine();
        output.WriteLine("Layer table (offset: file offset of the block; X and Y: probably the head position when the block begins):");
        WriteLayerTable(output, file);
    }

    private static void WriteSummary(TextWriter output, FcodeFile file, string name)
    {
        output.WriteLine(Invariant($"File: {name} ({file.StoredLength} bytes stored)"));
        if (file.IsDamaged)
        {
            output.WriteLine(Invariant(
                $"Damage: saved through a UTF-8 text decoding; {file.UnknownTokenCount} byte runs were replaced by U+FFFD. Damaged fields are shown as min..max."));
        }
        else
        {
            output.WriteLine("Damage: none found (every byte is original).");
        }

        string units = file.Units switch
        {
            null => "units unknown",
            { ZTopMm: null } u => Invariant($"X/Y 1/{u.XyPerMm} mm, Z 1/{u.ZPerMm} mm counted up"),
            { } u => Invariant($"X/Y about {u.XyPerMm} units per mm, Z counted down from about {u.ZTopMm:0} mm; units are an approximate fit"),
        };
        output.WriteLine($"Layout family: {file.Family} ({units})");
        int layers = file.Layers.Count();
        string end = file.EndRecord is null ? "" : ", end record";
        output.WriteLine(Invariant($"Layer table: {file.Records.Count} records (start record, {layers} layers{end})"));
        FcodePreview preview = file.Preview;
        string pixels = preview.PixelsKnown ? "pixels intact" : "pixels lost to the damage";
        output.WriteLine(Invariant($"Preview: {preview.Width} x {preview.Height}, 2 bytes per pixel, {pixels}"));
        FcodeBody body = file.Body;
        output.WriteLine(Invariant(
            $"Command stream: {body.SyncMarkers.Count} sync markers, {body.BlockMarkers.Count} block markers, end tail {(body.HasKnownEndTail ? "as in the known samples" : "not recognised")}"));
    }

    private static void WriteHeader(TextWriter output, FcodeFile file)
    {
        FcodeHeader header = file.Header;
        output.WriteLine("Header:");
        Row(output, "0x00 magic", header.Magic);
        string matches = file.BodyOffsetMatchesLayout ? "matches the table and preview size" : "does not match the table and preview size";
        Row(output, "0x03 body offset", $"{header.BodyOffset} ({matches})");
        Row(output, "0x07 unknown", header.Word07.ToString());
        Row(output, "0x09 print time, s (inferred)", header.PrintTime.ToString());
        Row(output, "0x0D filament, mm (inferred)", header.FilamentLength.ToString());
        Row(output, "0x11 Z origin (inferred)", header.ZOrigin.ToString());
        Row(output, "0x61 unknown", header.Word61.ToString());
        Row(output, "0x63 unknown", header.Word63.ToString());
        Row(output, "0x65 unknown", header.Word65.ToString());
        output.WriteLine("Printer identity:");
        Row(output, "0x5B electronic version", file.Printer.ElectronicVersion.ToString());
        Row(output, "0x5D manufacturer", file.Printer.Manufacturer.ToString());
        Row(output, "0x5F model", file.Printer.Model.ToString());
    }

    private static void WriteLayerTable(TextWriter output, FcodeFile file)
    {
        output.WriteLine(Invariant($"{"#",4}  {"kind",-5}  {"layer",5}  {"offset",-15}  {"X mm",-15}  {"Y mm",-15}  {"Z mm",-15}  {"X",-11}  {"Y",-11}  {"Z",-11}"));
        foreach (FcodeLayerRecord record in file.Records)
        {
            string kind = record.Kind switch
            {
                FcodeRecordKind.Start => "start",
                FcodeRecordKind.End => "end",
                _ => "layer",
            };
            string layer = record.LayerIndex?.ToString(CultureInfo.InvariantCulture) ?? "-";
            output.WriteLine(Invariant(
                $"{record.Index,4}  {kind,-5}  {layer,5}  {record.Offset,-15}  {Mm(record.XMm),-15}  {Mm(record.YMm),-15}  {Mm(record.ZMm),-15}  {record.X,-11}  {record.Y,-11}  {record.Z,-11}"));
        }
    }

    private static string Mm(FcodeLength? length) => length?.ToString() ?? "-";

    private static void Row(TextWriter output, string label, string value) =>
        output.WriteLine($"  {label,-32} {value}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
