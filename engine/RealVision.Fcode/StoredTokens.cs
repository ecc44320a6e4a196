using System.Text.Unicode;

namespace RealVision.Fcode;

/// <summary>
/// The bytes of an Fcode file as far as they are known. A file saved by a
/// client that decoded the binary body as UTF-8 text is valid UTF-8 in which
/// every ill-formed byte run of the original became U+FFFD (EF BF BD). Each
/// such character is one unknown token for one to three original bytes, all
/// of them 0x80 or above. Every other byte is a known original byte.
/// </summary>
internal sealed class StoredTokens
{
    /// <summary>Marks an unknown token in <see cref="Values"/>.</summary>
    public const short Unknown = -1;

    private StoredTokens(short[] values, bool isDamaged, int unknownCount)
    {
        Values = values;
        IsDamaged = isDamaged;
        UnknownCount = unknownCount;
    }

    /// <summary>Known bytes (0..255) and <see cref="Unknown"/> markers, in file order.</summary>
    public short[] Values { get; }

    public bool IsDamaged { get; }

    public int UnknownCount { get; }

    public int Count => Values.Length;

    private int[]? unknownPrefix;

    /// <summary>Number of unknown tokens before token <paramref name="index"/>.</summary>
    public int UnknownsBefore(long index)
    {
        if (unknownPrefix is null)
        {
            var prefix = new int[Values.Length + 1];
            for (int i = 0; i < Values.Length; i++)
            {
                prefix[i + 1] = prefix[i] + (Values[i] == Unknown ? 1 : 0);
            }

            unknownPrefix = prefix;
        }

        return unknownPrefix[Math.Clamp(index, 0, Values.Length)];
    }

    public short this[int index] => index < Values.Length ? Values[index] : (short)-2;

    /// <summary>
    /// Splits <paramref name="data"/> into tokens. A file that is not valid
    /// UTF-8, or contains no U+FFFD, is taken as undamaged: every byte is known.
    /// </summary>
    public static StoredTokens Decode(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> replacement = [0xEF, 0xBF, 0xBD];
        bool damaged = Utf8.IsValid(data) && data.IndexOf(replacement) >= 0;
        if (!damaged)
        {
            var raw = new short[data.Length];
            for (int i = 0; i < data.Length; i++)
            {
                raw[i] = data[i];
            }

            return new StoredTokens(raw, isDamaged: false, unknownCount: 0);
        }

        // In valid UTF-8 an EF byte always starts a character, so a byte-wise
        // search for EF BF BD cannot match across character boundaries.
        var values = new List<short>(data.Length);
        int unknown = 0;
        int position = 0;
        while (position < data.Length)
        {
            if (data[position] == 0xEF && data[position..].StartsWith(replacement))
            {
                values.Add(Unknown);
                unknown++;
                position += 3;
            }
            else
            {
                values.Add(data[position]);
                position++;
            }
        }

        return new StoredTokens(values.ToArray(), isDamaged: true, unknownCount: unknown);
    }

    /// <summary>True when the tokens from <paramref name="start"/> equal <paramref name="pattern"/> (-1 matches only an unknown token).</summary>
    public bool Matches(int start, ReadOnlySpan<short> pattern)
    {
        if (start < 0 || start + pattern.Length > Values.Length)
        {
            return false;
        }

        return Values.AsSpan(start, pattern.Length).SequenceEqual(pattern);
    }

    /// <summary>Token indexes where <paramref name="pattern"/> starts, from <paramref name="from"/> on.</summary>
    public List<int> FindAll(ReadOnlySpan<short> pattern, int from)
    {
        var hits = new List<int>();
        ReadOnlySpan<short> all = Values;
        int position = from;
        while (position <= all.Length - pattern.Length)
        {
            int found = all[position..].IndexOf(pattern);
            if (found < 0)
            {
                break;
            }

            hits.Add(position + found);
            position += found + 1;
        }

        return hits;
    }
}
