namespace RealVision.Fcode;

/// <summary>
/// The two field layouts seen in service output. They differ in units, in the
/// direction Z counts and in the block marker (<c>77 01 4f 15 00 0x</c>); which
/// one a file uses follows from the printer profile the service sliced for.
/// </summary>
public enum FcodeFamily
{
    /// <summary>Neither the block markers nor the header tell the family apart.</summary>
    Unknown,

    /// <summary>Block marker byte 02, Z counted down from about 140 mm, about 146 units per mm on every axis.</summary>
    A,

    /// <summary>Block marker byte 00, Z counted up in 1/4000 mm, X and Y in 1/80 mm.</summary>
    B,
}

/// <summary>What a layer-table record stands for.</summary>
public enum FcodeRecordKind
{
    /// <summary>Record 0: the start block (heating, homing, priming).</summary>
    Start,

    /// <summary>A printed layer, in increasing height.</summary>
    Layer,

    /// <summary>An optional last record with X = Y = 0 for the shutdown block.</summary>
    End,
}

/// <summary>
/// The 107-byte header. Field meanings other than the magic, the body offset
/// and the printer identity are inferred from magnitudes in the samples.
/// </summary>
public sealed class FcodeHeader
{
    /// <summary>The first three bytes; "CIR" in every known file.</summary>
    public required string Magic { get; init; }

    /// <summary>Offset 0x03, u32: file offset of the command stream.</summary>
    public required FcodeValue BodyOffset { get; init; }

    /// <summary>Offset 0x07, u16, meaning unknown: 0 in family B, 0x36xx in family A.</summary>
    public required FcodeValue Word07 { get; init; }

    /// <summary>Offset 0x09, u32: probably the estimated print time in seconds.</summary>
    public required FcodeValue PrintTime { get; init; }

    /// <summary>Offset 0x0D, u32: probably the filament length in mm.</summary>
    public required FcodeValue FilamentLength { get; init; }

    /// <summary>Offset 0x11, u32: probably the Z origin of family A (0 in family B).</summary>
    public required FcodeValue ZOrigin { get; init; }

    /// <summary>Offset 0x61, u16, meaning unknown (0 in every sample).</summary>
    public required FcodeValue Word61 { get; init; }

    /// <summary>Offset 0x63, u16, meaning unknown (3 to 11 in the samples).</summary>
    public required FcodeValue Word63 { get; init; }

    /// <summary>Offset 0x65, u16, meaning unknown (0 or 1 in the samples).</summary>
    public required FcodeValue Word65 { get; init; }
}

/// <summary>
/// The printer triple at header offsets 0x5B, 0x5D and 0x5F, the same triple
/// a REALvision workspace stores as <c>Printer.Dummy</c>.
/// </summary>
public sealed record FcodePrinterIdentity(FcodeValue ElectronicVersion, FcodeValue Manufacturer, FcodeValue Model);

/// <summary>
/// Conversion of table integers to millimetres for one family. Family B's
/// factors fit every intact value exactly; family A's are least-squares fits,
/// good to a few micrometres, so <see cref="IsApproximate"/> is set for it.
/// </summary>
public sealed class FcodeUnits
{
    /// <summary>Family B: X and Y in 1/80 mm, Z in 1/4000 mm counted up from the bed.</summary>
    public static readonly FcodeUnits FamilyB = new(80, 0, 4000, null, isApproximate: false);

    /// <summary>
    /// Family A: X and Y about 146 units per mm with an offset of 133 units;
    /// Z = 145.988 (139.9975 mm - z), a least-squares line through the 49
    /// intact layer heights of the cube sample (largest residual 0.5 units, 3.4 µm).
    /// </summary>
    public static readonly FcodeUnits FamilyA = new(146, 133, 145.988, 139.9975, isApproximate: true);

    private FcodeUnits(double xyPerMm, double xyOffset, double zPerMm, double? zTopMm, bool isApproximate)
    {
        XyPerMm = xyPerMm;
        XyOffset = xyOffset;
        ZPerMm = zPerMm;
        ZTopMm = zTopMm;
        IsApproximate = isApproximate;
    }

    public double XyPerMm { get; }

    /// <summary>Units added to X and Y before dividing by <see cref="XyPerMm"/>.</summary>
    public double XyOffset { get; }

    public double ZPerMm { get; }

    /// <summary>Height Z is counted down from, or null when Z counts up from the bed.</summary>
    public double? ZTopMm { get; }

    public bool IsApproximate { get; }

    public FcodeLength ToXyMm(FcodeValue value) =>
        new((value.Min + XyOffset) / XyPerMm, (value.Max + XyOffset) / XyPerMm);

    public FcodeLength ToZMm(FcodeValue value)
    {
        if (ZTopMm is not double top)
        {
            return new FcodeLength(value.Min / ZPerMm, value.Max / ZPerMm);
        }

        return new FcodeLength(top - value.Max / ZPerMm, top - value.Min / ZPerMm);
    }
}

/// <summary>One 17-byte record of the layer table.</summary>
public sealed class FcodeLayerRecord
{
    /// <summary>Position in the table, 0 for the start block.</summary>
    public required int Index { get; init; }

    public required FcodeRecordKind Kind { get; init; }

    /// <summary>Zero-based layer number for <see cref="FcodeRecordKind.Layer"/> records, otherwise null.</summary>
    public int? LayerIndex { get; init; }

    /// <summary>+0, u32: file offset of the record's block in the command stream, as the table stores it.</summary>
    public required FcodeValue OffsetField { get; init; }

    /// <summary>
    /// The block's file offset: <see cref="OffsetField"/> narrowed by where
    /// the block marker sits in the stored file. The lost bytes before the
    /// marker lie between those lost before the nearest exact offsets on
    /// either side, and each U+FFFD hides at most two extra bytes.
    /// </summary>
    public required FcodeValue Offset { get; init; }

    /// <summary>+4, u8: 0 in every known record.</summary>
    public required FcodeValue Flag { get; init; }

    /// <summary>+5, u32: X where the head is when the block begins, in table units.</summary>
    public required FcodeValue X { get; init; }

    /// <summary>+9, u32: Y in table units.</summary>
    public required FcodeValue Y { get; init; }

    /// <summary>+13, u32: the layer's Z in table units.</summary>
    public required FcodeValue Z { get; init; }

    /// <summary>X in mm for layer records; null for the start and end records and when the family is unknown.</summary>
    public FcodeLength? XMm { get; init; }

    /// <summary>Y in mm for layer records; null for the start and end records and when the family is unknown.</summary>
    public FcodeLength? YMm { get; init; }

    /// <summary>Z in mm, or null when the family is unknown.</summary>
    public FcodeLength? ZMm { get; init; }

    /// <summary>
    /// Token position of this record's block marker in the stored file (one
    /// token per surviving byte or per U+FFFD), or null when the number of
    /// block markers differs from the number of records.
    /// </summary>
    public long? StoredBlockPosition { get; init; }

    /// <summary>Original bytes swallowed by the damage before the block: exact offset minus stored position, or null.</summary>
    public long? Drift => Offset.Value is long offset && StoredBlockPosition is long stored ? offset - stored : null;
}

/// <summary>The preview image after the layer table.</summary>
public sealed class FcodePreview
{
    public required FcodeValue Width { get; init; }

    /// <summary>
    /// Height as stored, narrowed to one value when the body offset, the
    /// record count and the width leave only one.
    /// </summary>
    public required FcodeValue Height { get; init; }

    /// <summary>Stored tokens that make up the pixels (bytes in an undamaged file, replacement characters in a damaged one).</summary>
    public required int PixelTokenCount { get; init; }

    /// <summary>True when every pixel byte survived; in the damaged samples none did.</summary>
    public required bool PixelsKnown { get; init; }
}

/// <summary>Landmarks of the command stream; its instruction set is undocumented.</summary>
public sealed class FcodeBody
{
    /// <summary>Token position where the stream starts (the first sync marker in every known file).</summary>
    public required long StoredStart { get; init; }

    /// <summary>Token positions of the <c>55 55 55 55</c> sync markers.</summary>
    public required IReadOnlyList<long> SyncMarkers { get; init; }

    /// <summary>Token positions of the block markers <c>77 01 4f 15 00</c> that open the start block and every layer block.</summary>
    public required IReadOnlyList<long> BlockMarkers { get; init; }

    /// <summary>Distinct values of the byte after each block marker: 00 in family B, 02 in family A.</summary>
    public required IReadOnlyList<byte> BlockMarkerFamilyBytes { get; init; }

    /// <summary>True when the file ends with the 86-token shutdown tail seen in every sample.</summary>
    public required bool HasKnownEndTail { get; init; }
}

/// <summary>Everything the inspector reads from one Fcode file.</summary>
public sealed class FcodeFile
{
    /// <summary>Size of the file as stored, in bytes.</summary>
    public required long StoredLength { get; init; }

    /// <summary>True when the file was saved through a UTF-8 text decoding that replaced invalid bytes with U+FFFD.</summary>
    public required bool IsDamaged { get; init; }

    /// <summary>Number of U+FFFD replacement characters, each standing for one to three lost bytes.</summary>
    public required int UnknownTokenCount { get; init; }

    public required FcodeHeader Header { get; init; }

    public required FcodePrinterIdentity Printer { get; init; }

    public required FcodeFamily Family { get; init; }

    /// <summary>Units for <see cref="Family"/>, or null when the family is unknown.</summary>
    public FcodeUnits? Units { get; init; }

    /// <summary>All table records in file order: the start record, the layers, and the end record where there is one.</summary>
    public required IReadOnlyList<FcodeLayerRecord> Records { get; init; }

    public required FcodePreview Preview { get; init; }

    public required FcodeBody Body { get; init; }

    /// <summary>
    /// True when the body offset read from the header can equal the size of
    /// the header, the table and the preview: 107 + 17 records + 4 + pixel bytes.
    /// </summary>
    public required bool BodyOffsetMatchesLayout { get; init; }

    public FcodeLayerRecord StartRecord => Records[0];

    public IEnumerable<FcodeLayerRecord> Layers => Records.Where(r => r.Kind == FcodeRecordKind.Layer);

    public FcodeLayerRecord? EndRecord => Records.LastOrDefault(r => r.Kind == FcodeRecordKind.End);
}

/// <summary>A file that does not follow the known Fcode layout.</summary>
public sealed class FcodeFormatException : Exception
{
    public FcodeFormatException(string message)
        : base(message)
    {
    }
}
