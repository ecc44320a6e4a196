namespace RealVision.Fcode;

/// <summary>One token placed in a fixed-size byte layout: its first byte position, width in bytes and value (-1 when unknown).</summary>
internal readonly record struct PlacedToken(int Position, int Width, short Value);

/// <summary>One way of reading a fixed-size layout from the tokens: where it ends and how each token was placed.</summary>
internal sealed record LayoutParse(int EndToken, PlacedToken[] Tokens);

/// <summary>
/// A fixed-size run of original bytes (a header or a table record) with the
/// bytes whose value is fixed. Damaged runs never cover a byte below 0x80, so
/// fixed zero bytes anchor the unknown tokens around them.
/// </summary>
internal sealed class ByteLayout
{
    /// <summary>Marks a byte that any known token may fill but no unknown token may cover.</summary>
    public const short KnownByte = -3;

    private const short AnyByte = -1;

    private readonly short[] required;

    public ByteLayout(int length)
    {
        required = new short[length];
        Array.Fill(required, AnyByte);
    }

    public int Length => required.Length;

    /// <summary>Requires byte <paramref name="position"/> to hold <paramref name="value"/>.</summary>
    public ByteLayout Require(int position, byte value)
    {
        required[position] = value;
        return this;
    }

    /// <summary>Requires bytes <paramref name="from"/> to <paramref name="to"/> (inclusive) to be zero.</summary>
    public ByteLayout RequireZero(int from, int to)
    {
        for (int position = from; position <= to; position++)
        {
            required[position] = 0;
        }

        return this;
    }

    /// <summary>
    /// Requires bytes <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive) to come from known tokens of any value, so no damaged
    /// run may cover them.
    /// </summary>
    public ByteLayout RequireKnown(int from, int to)
    {
        for (int position = from; position <= to; position++)
        {
            required[position] = KnownByte;
        }

        return this;
    }

    public short RequiredAt(int position) => required[position];
}

/// <summary>
/// Reads fixed-size layouts from damaged tokens. An unknown token stands for
/// one, two or three original bytes; every assignment of widths that fits the
/// layout's fixed bytes is returned.
/// </summary>
internal static class LayoutParser
{
    // Lexicographic bounds of the original bytes behind one U+FFFD, by width:
    // a lone byte 80..FF; a lead E0..F4 with one valid continuation (E0 A0 ..
    // F4 8F); a lead F0..F4 with two valid continuations (F0 90 80 .. F4 8F BF).
    private static readonly byte[][] MinSequence = { [], [0x80], [0xE0, 0xA0], [0xF0, 0x90, 0x80] };
    private static readonly byte[][] MaxSequence = { [], [0xFF], [0xF4, 0x8F], [0xF4, 0x8F, 0xBF] };

    // Per-byte bounds, used for the bytes of a token that started in an earlier field.
    private static readonly byte[][] MinByte = { [], [0x80], [0xE0, 0x80], [0xF0, 0x80, 0x80] };
    private static readonly byte[][] MaxByte = { [], [0xFF], [0xF4, 0xBF], [0xF4, 0xBF, 0xBF] };

    /// <summary>Every way the tokens from <paramref name="start"/> can fill <paramref name="layout"/>, up to <paramref name="maxParses"/>.</summary>
    public static List<LayoutParse> Parse(StoredTokens tokens, int start, ByteLayout layout, int maxParses = 64)
    {
        var results = new List<LayoutParse>();
        var placed = new List<PlacedToken>(layout.Length);
        Search(tokens, layout, 0, start, placed, results, maxParses);
        return results;
    }

    /// <summary>The known value of byte <paramref name="position"/> in <paramref name="parse"/>, or -1 when a damaged run covers it.</summary>
    public static short ByteAt(LayoutParse parse, int position)
    {
        foreach (PlacedToken token in parse.Tokens)
        {
            if (position >= token.Position && position < token.Position + token.Width)
            {
                return token.Value;
            }
        }

        return StoredTokens.Unknown;
    }

    /// <summary>Bounds of the big-endian integer in bytes [<paramref name="from"/>, <paramref name="from"/> + <paramref name="size"/>) over all parses.</summary>
    public static FcodeValue Field(IReadOnlyList<LayoutParse> parses, int from, int size)
    {
        FcodeValue? result = null;
        foreach (LayoutParse parse in parses)
        {
            FcodeValue value = Field(parse, from, size);
            result = result is null ? value : result.Value.Union(value);
        }

        return result ?? throw new InvalidOperationException("A field needs at least one parse.");
    }

    private static FcodeValue Field(LayoutParse parse, int from, int size)
    {
        long low = 0;
        long high = 0;
        int end = from + size;
        foreach (PlacedToken token in parse.Tokens)
        {
            int tokenEnd = token.Position + token.Width;
            if (tokenEnd <= from || token.Position >= end)
            {
                continue;
            }

            for (int position = Math.Max(from, token.Position); position < Math.Min(end, tokenEnd); position++)
            {
                int offset = position - token.Position;
                (byte min, byte max) = token.Value >= 0
                    ? ((byte)token.Value, (byte)token.Value)
                    : token.Position >= from
                        ? (MinSequence[token.Width][offset], MaxSequence[token.Width][offset])
                        : (MinByte[token.Width][offset], MaxByte[token.Width][offset]);
                low = (low << 8) | min;
                high = (high << 8) | max;
            }
        }

        return new FcodeValue(low, high);
    }

    private static void Search(
        StoredTokens tokens, ByteLayout layout, int position, int token, List<PlacedToken> placed, List<LayoutParse> results, int maxParses)
    {
        if (results.Count >= maxParses)
        {
            return;
        }

        if (position == layout.Length)
        {
            results.Add(new LayoutParse(token, placed.ToArray()));
            return;
        }

        short value = tokens[token];
        if (value == -2)
        {
            return; // past the end of the file
        }

        if (value >= 0)
        {
            short required = layout.RequiredAt(position);
            if (required >= 0 && required != value)
            {
                return;
            }

            placed.Add(new PlacedToken(position, 1, value));
            Search(tokens, layout, position + 1, token + 1, placed, results, maxParses);
            placed.RemoveAt(placed.Count - 1);
            return;
        }

        // A damaged run covers only bytes of 0x80 and above, so it stops before any fixed byte below 0x80.
        for (int width = 1; width <= 3 && position + width <= layout.Length; width++)
        {
            short required = layout.RequiredAt(position + width - 1);
            if (required is ByteLayout.KnownByte or (>= 0 and < 0x80))
            {
                break;
            }

            placed.Add(new PlacedToken(position, width, StoredTokens.Unknown));
            Search(tokens, layout, position + width, token + 1, placed, results, maxParses);
            placed.RemoveAt(placed.Count - 1);
        }
    }
}
