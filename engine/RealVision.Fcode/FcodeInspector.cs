namespace RealVision.Fcode;

/// <summary>
/// Reads the container of an Fcode file: header, printer identity, layer
/// table, preview size and the landmarks of the command stream. Works on
/// undamaged files and on copies damaged by a UTF-8 text decoding, where
/// it reports each damaged field as bounds instead of a value.
/// </summary>
public static class FcodeInspector
{
    /// <summary>Size of the header; the layer table starts right after it.</summary>
    public const int HeaderSize = 0x6B;

    /// <summary>Size of one layer-table record.</summary>
    public const int RecordSize = 17;

    /// <summary>Preview width and height seen in every sample.</summary>
    public const int PreviewWidth = 320;

    public const int PreviewHeight = 240;

    // The preview size (u16 320, u16 240) ends the table. 240 = 0xF0 does not
    // survive the damage, so the last token may also be unknown.
    private static readonly short[] PreviewMarker = [0x01, 0x40, 0x00];
    private static readonly short[] SyncMarker = [0x55, 0x55, 0x55, 0x55];
    private static readonly short[] BlockMarker = [0x77, 0x01, 0x4F, 0x15, 0x00];

    // The last 86 tokens of every sample (-1 = U+FFFD), read from the stored files.
    private static readonly short[] EndTail =
    [
        -1, 0x03, 0x00, 0x0F, -1, 0x13, 0x00, 0x0F, -1, 0x23, 0x00, 0x0F, -1, 0x33, 0x00, 0x0F,
        -1, 0x53, 0x00, 0x0F, -1, 0x07, 0x00, 0x00, 0x00, 0x17, 0x00, 0x00, 0x00, 0x27, 0x00, 0x00,
        0x00, 0x37, 0x00, 0x00, 0x00, 0x57, 0x00, 0x00, 0x00, 0x0B, 0x00, 0x00, 0x00, 0x1B, 0x00, 0x00,
        0x00, 0x2B, 0x00, 0x00, 0x00, 0x3B, 0x00, 0x00, 0x00, 0x5B, 0x00, 0x00, 0x00, 0x0F, 0x00, 0x00,
        0x00, 0x1F, 0x00, 0x00, 0x00, 0x2F, 0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x00, 0x5F, 0x00, 0x00,
        0x00, -1, 0x00, -1, 0x00, 0x67,
    ];

    // Header bytes that are below 0x80 in every sample: the high bytes of
    // every number and the zero runs. No damaged run can cover them.
    private static readonly ByteLayout HeaderLayout = new ByteLayout(HeaderSize)
        .Require(0, (byte)'C').Require(1, (byte)'I').Require(2, (byte)'R')
        .RequireKnown(0x03, 0x03)
        .RequireKnown(0x09, 0x0A)
        .RequireKnown(0x0D, 0x0E)
        .RequireKnown(0x11, 0x12)
        .RequireKnown(0x15, 0x5B)
        .RequireKnown(0x5D, 0x5D)
        .RequireKnown(0x5F, 0x5F)
        .RequireKnown(0x61, 0x63)
        .RequireKnown(0x65, 0x65)
        .RequireKnown(0x67, 0x6A);

    // Record bytes that are zero in all 748 sample records: the offset's high
    // byte, the flag, and the high bytes of X, Y and Z. Requiring the value
    // (not only a known byte) rules out readings shifted by a byte. The
    // second bytes of X, Y and Z are below 0x80 in every sample too (values
    // under 8,388,608 units, over 100 m), so no damaged run may cover them.
    private static readonly ByteLayout RecordLayout = new ByteLayout(RecordSize)
        .Require(0, 0).Require(4, 0).Require(5, 0).Require(9, 0).Require(13, 0)
        .RequireKnown(6, 6).RequireKnown(10, 10).RequireKnown(14, 14);

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="FcodeFormatException">The file does not follow the known layout.</exception>
    public static FcodeFile Read(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        try
        {
            return Read(data);
        }
        catch (FcodeFormatException ex)
        {
            throw new FcodeFormatException($"{path}: {ex.Message}");
        }
    }

    /// <summary>Reads an Fcode file held in memory.</summary>
    /// <exception cref="FcodeFormatException">The data does not follow the known layout.</exception>
    public static FcodeFile Read(ReadOnlySpan<byte> data)
    {
        StoredTokens tokens = StoredTokens.Decode(data);
        if (!tokens.Matches(0, [(short)'C', (short)'I', (short)'R']))
        {
            throw new FcodeFormatException("not an Fcode file: it does not start with the magic bytes 'CIR'.");
        }

        List<LayoutParse> headerParses = LayoutParser.Parse(tokens, 0, HeaderLayout);
        if (headerParses.Count == 0)
        {
            throw new FcodeFormatException(
                $"the {HeaderSize}-byte header does not match the known layout (too short, or damaged where every known file has bytes below 0x80).");
        }

        TableParse table = ParseTable(tokens, headerParses);
        FcodeHeader header = ReadHeader(table.HeaderParses);
        var printer = new FcodePrinterIdentity(
            LayoutParser.Field(table.HeaderParses, 0x5B, 2),
            LayoutParser.Field(table.HeaderParses, 0x5D, 2),
            LayoutParser.Field(table.HeaderParses, 0x5F, 2));

        int recordCount = table.Records.Count;
        FcodePreview preview = ReadPreview(tokens, table.PreviewToken, header.BodyOffset, recordCount);
        long expectedBodyOffset = HeaderSize + (long)RecordSize * recordCount + 4 + (long)PreviewWidth * 2 * preview.Height.Min;
        bool bodyOffsetMatches = preview.Height.IsExact && header.BodyOffset.Contains(expectedBodyOffset);

        int bodyStart = table.PreviewToken + 4 + preview.PixelTokenCount;
        FcodeBody body = ReadBody(tokens, bodyStart);
        FcodeFamily family = DetectFamily(body, header);
        FcodeUnits? units = family switch
        {
            FcodeFamily.A => FcodeUnits.FamilyA,
            FcodeFamily.B => FcodeUnits.FamilyB,
            _ => null,
        };

        bool markersMatchRecords = body.BlockMarkers.Count == recordCount;
        var records = new List<FcodeLayerRecord>(recordCount);
        for (int i = 0; i < recordCount; i++)
        {
            records.Add(ReadRecord(table.Records[i], i, recordCount, units, markersMatchRecords ? body.BlockMarkers[i] : null));
        }

        if (markersMatchRecords && tokens.IsDamaged)
        {
            bool bodyStartsWithSync = tokens.Matches(bodyStart, SyncMarker);
            records = NarrowOffsets(records, tokens, header.BodyOffset, bodyStartsWithSync ? bodyStart : null);
        }

        return new FcodeFile
        {
            StoredLength = data.Length,
            IsDamaged = tokens.IsDamaged,
            UnknownTokenCount = tokens.UnknownCount,
            Header = header,
            Printer = printer,
            Family = family,
            Units = units,
            Records = records,
            Preview = preview,
            Body = body,
            BodyOffsetMatchesLayout = bodyOffsetMatches,
        };
    }

    /// <summary>The header readings and, per record, the readings that lie on a path from the header to the preview.</summary>
    private sealed record TableParse(List<LayoutParse> HeaderParses, List<List<LayoutParse>> Records, int PreviewToken);

    /// <summary>
    /// Reads records one after another from every place a header reading can
    /// end, until a reading reaches the preview size. Damage makes single
    /// records ambiguous (a U+FFFD can stand for 1 to 3 bytes), so all
    /// readings are followed, and afterwards only those on a path that ends
    /// at the preview are kept.
    /// </summary>
    private static TableParse ParseTable(StoredTokens tokens, List<LayoutParse> headerParses)
    {
        // steps[k] maps the start token of record k to its readings.
        var steps = new List<Dictionary<int, List<LayoutParse>>>();
        var frontier = headerParses.Select(p => p.EndToken).ToHashSet();
        var ends = new List<(int Step, int Token)>();
        int maxRecords = tokens.Count / RecordSize + 1;
        while (frontier.Count > 0 && steps.Count <= maxRecords)
        {
            var step = new Dictionary<int, List<LayoutParse>>();
            var next = new HashSet<int>();
            foreach (int start in frontier)
            {
                if (IsPreviewMarker(tokens, start))
                {
                    ends.Add((steps.Count, start));
                    continue;
                }

                List<LayoutParse> parses = LayoutParser.Parse(tokens, start, RecordLayout);
                if (parses.Count > 0)
                {
                    step[start] = parses;
                    next.UnionWith(parses.Select(p => p.EndToken));
                }
            }

            steps.Add(step);
            frontier = next;
        }

        if (ends.Count == 0)
        {
            throw new FcodeFormatException(
                $"the layer table does not match the known layout: no run of {RecordSize}-byte records from offset 0x{HeaderSize:X2} ends at the {PreviewWidth} x {PreviewHeight} preview size.");
        }

        if (ends.Select(e => e.Step).Distinct().Count() > 1)
        {
            throw new FcodeFormatException(
                $"the layer table is ambiguous: the damage allows {string.Join(" or ", ends.Select(e => e.Step).Distinct())} records.");
        }

        int recordCount = ends[0].Step;
        var valid = ends.Select(e => e.Token).ToHashSet();
        int previewToken = ends.Min(e => e.Token);
        var records = new List<LayoutParse>[recordCount];
        for (int k = recordCount - 1; k >= 0; k--)
        {
            var pathParses = new List<LayoutParse>();
            var starts = new HashSet<int>();
            foreach ((int start, List<LayoutParse> parses) in steps[k])
            {
                List<LayoutParse> onPath = parses.Where(p => valid.Contains(p.EndToken)).ToList();
                if (onPath.Count > 0)
                {
                    pathParses.AddRange(onPath);
                    starts.Add(start);
                }
            }

            records[k] = pathParses;
            valid = starts;
        }

        List<LayoutParse> header = headerParses.Where(p => valid.Contains(p.EndToken)).ToList();
        return new TableParse(header, records.ToList(), previewToken);
    }

    private static bool IsPreviewMarker(StoredTokens tokens, int start) =>
        tokens.Matches(start, PreviewMarker) && tokens[start + 3] is StoredTokens.Unknown or PreviewHeight;

    private static FcodeHeader ReadHeader(List<LayoutParse> parses)
    {
        FcodeValue Field(int offset, int size) => LayoutParser.Field(parses, offset, size);

        return new FcodeHeader
        {
            Magic = "CIR",
            BodyOffset = Field(0x03, 4),
            Word07 = Field(0x07, 2),
            PrintTime = Field(0x09, 4),
            FilamentLength = Field(0x0D, 4),
            ZOrigin = Field(0x11, 4),
            Word61 = Field(0x61, 2),
            Word63 = Field(0x63, 2),
            Word65 = Field(0x65, 2),
        };
    }

    private static FcodePreview ReadPreview(StoredTokens tokens, int markerToken, FcodeValue bodyOffset, int recordCount)
    {
        FcodeValue width = FcodeValue.Exact(PreviewWidth);
        short heightToken = tokens[markerToken + 3];
        FcodeValue height = heightToken >= 0 ? FcodeValue.Exact(heightToken) : new FcodeValue(0x80, 0xFF);
        int pixelStart = markerToken + 4;
        int pixelTokens;
        bool pixelsKnown;
        if (tokens.IsDamaged)
        {
            pixelTokens = 0;
            while (tokens[pixelStart + pixelTokens] == StoredTokens.Unknown)
            {
                pixelTokens++;
            }

            pixelsKnown = pixelTokens == 0;
        }
        else
        {
            pixelTokens = (int)(PreviewWidth * 2 * height.Min);
            if (tokens.Count - pixelStart < pixelTokens)
            {
                throw new FcodeFormatException(
                    $"the file ends inside the {PreviewWidth} x {height.Min} preview ({tokens.Count - pixelStart} of {pixelTokens} pixel bytes).");
            }

            pixelsKnown = true;
        }

        // The body offset fixes the pixel byte count when it is exact: offset =
        // header + records + 4 + width * height * 2. Use it to narrow a damaged height.
        if (!height.IsExact && bodyOffset.IsExact)
        {
            long pixelBytes = bodyOffset.Min - HeaderSize - (long)RecordSize * recordCount - 4;
            if (pixelBytes > 0 && pixelBytes % (2 * PreviewWidth) == 0 && height.Contains(pixelBytes / (2 * PreviewWidth)))
            {
                height = FcodeValue.Exact(pixelBytes / (2 * PreviewWidth));
            }
        }

        // When the body offset is damaged too, assume one damaged token per pixel byte.
        if (!height.IsExact && pixelTokens % (2 * PreviewWidth) == 0 && height.Contains(pixelTokens / (2 * PreviewWidth)))
        {
            height = FcodeValue.Exact(pixelTokens / (2 * PreviewWidth));
        }

        return new FcodePreview { Width = width, Height = height, PixelTokenCount = pixelTokens, PixelsKnown = pixelsKnown };
    }

    private static FcodeBody ReadBody(StoredTokens tokens, int start)
    {
        List<int> syncs = tokens.FindAll(SyncMarker, start);
        List<int> blocks = tokens.FindAll(BlockMarker, start);
        var familyBytes = blocks
            .Select(b => tokens[b + BlockMarker.Length])
            .Where(v => v >= 0)
            .Select(v => (byte)v)
            .Distinct()
            .Order()
            .ToList();
        return new FcodeBody
        {
            StoredStart = start,
            SyncMarkers = syncs.Select(s => (long)s).ToList(),
            BlockMarkers = blocks.Select(b => (long)b).ToList(),
            BlockMarkerFamilyBytes = familyBytes,
            HasKnownEndTail = tokens.Matches(tokens.Count - EndTail.Length, EndTail),
        };
    }

    private static FcodeFamily DetectFamily(FcodeBody body, FcodeHeader header)
    {
        if (body.BlockMarkerFamilyBytes.Count == 1)
        {
            switch (body.BlockMarkerFamilyBytes[0])
            {
                case 0x00:
                    return FcodeFamily.B;
                case 0x02:
                    return FcodeFamily.A;
            }
        }

        // Family B stores 0 at 0x11; family A a Z origin near 146 x 140 units.
        if (header.ZOrigin.IsExact && header.ZOrigin.Min == 0)
        {
            return FcodeFamily.B;
        }

        return header.ZOrigin.Min > 0 ? FcodeFamily.A : FcodeFamily.Unknown;
    }

    /// <summary>
    /// Narrows damaged block offsets with the drift between original offsets
    /// and stored token positions. The drift never decreases along the file
    /// (every token stands for at least one byte) and grows by at most 2 per
    /// U+FFFD, so exact offsets on either side bound it.
    /// </summary>
    private static List<FcodeLayerRecord> NarrowOffsets(
        List<FcodeLayerRecord> records, StoredTokens tokens, FcodeValue bodyOffset, long? bodyStart)
    {
        var anchors = new List<(long Position, long Drift)>();
        if (bodyOffset.IsExact && bodyStart is long start)
        {
            anchors.Add((start, bodyOffset.Min - start));
        }

        foreach (FcodeLayerRecord record in records)
        {
            if (record.OffsetField.IsExact && record.StoredBlockPosition is long stored)
            {
                anchors.Add((stored, record.OffsetField.Min - stored));
            }
        }

        anchors.Sort();
        var narrowed = new List<FcodeLayerRecord>(records.Count);
        foreach (FcodeLayerRecord record in records)
        {
            if (record.OffsetField.IsExact || record.StoredBlockPosition is not long position)
            {
                narrowed.Add(record);
                continue;
            }

            long low = 0;
            long high = 2L * tokens.UnknownsBefore(position);
            foreach ((long anchorPosition, long drift) in anchors)
            {
                if (anchorPosition <= position)
                {
                    low = Math.Max(low, drift);
                    high = Math.Min(high, drift + 2L * (tokens.UnknownsBefore(position) - tokens.UnknownsBefore(anchorPosition)));
                }
                else
                {
                    high = Math.Min(high, drift);
                }
            }

            FcodeValue? offset = record.OffsetField.Intersect(new FcodeValue(position + low, position + high));
            narrowed.Add(offset is null ? record : With(record, offset.Value));
        }

        return narrowed;
    }

    private static FcodeLayerRecord With(FcodeLayerRecord record, FcodeValue offset) => new()
    {
        Index = record.Index,
        Kind = record.Kind,
        LayerIndex = record.LayerIndex,
        OffsetField = record.OffsetField,
        Offset = offset,
        Flag = record.Flag,
        X = record.X,
        Y = record.Y,
        Z = record.Z,
        XMm = record.XMm,
        YMm = record.YMm,
        ZMm = record.ZMm,
        StoredBlockPosition = record.StoredBlockPosition,
    };

    private static FcodeLayerRecord ReadRecord(
        List<LayoutParse> parses, int index, int count, FcodeUnits? units, long? storedBlock)
    {
        // Where a damaged record reads in several ways, prefer the readings
        // with X and Y below 65,536 units (over 400 mm in both families)
        // because every intact sample value is. Keep all readings when none is.
        List<LayoutParse> plausible = parses
            .Where(p => LayoutParser.ByteAt(p, 6) == 0 && LayoutParser.ByteAt(p, 10) == 0)
            .ToList();
        if (plausible.Count > 0)
        {
            parses = plausible;
        }

        FcodeValue offset = LayoutParser.Field(parses, 0, 4);
        FcodeValue x = LayoutParser.Field(parses, 5, 4);
        FcodeValue y = LayoutParser.Field(parses, 9, 4);
        FcodeValue z = LayoutParser.Field(parses, 13, 4);
        bool atOrigin = x is { IsExact: true, Min: 0 } && y is { IsExact: true, Min: 0 };
        FcodeRecordKind kind = index == 0
            ? FcodeRecordKind.Start
            : index == count - 1 && atOrigin ? FcodeRecordKind.End : FcodeRecordKind.Layer;
        return new FcodeLayerRecord
        {
            Index = index,
            Kind = kind,
            LayerIndex = kind == FcodeRecordKind.Layer ? index - 1 : null,
            OffsetField = offset,
            Offset = offset,
            Flag = LayoutParser.Field(parses, 4, 1),
            X = x,
            Y = y,
            Z = z,
            // X = Y = 0 in the start and end records marks "no position", not the bed origin.
            XMm = kind == FcodeRecordKind.Layer ? units?.ToXyMm(x) : null,
            YMm = kind == FcodeRecordKind.Layer ? units?.ToXyMm(y) : null,
            ZMm = units?.ToZMm(z),
            StoredBlockPosition = storedBlock,
        };
    }
}
