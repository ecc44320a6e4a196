using System.Text;

namespace RealVision.Formats.Stl;

/// <summary>
/// Splits ASCII STL text into whitespace-separated tokens while streaming, and counts lines
/// ended by CR LF, LF or CR alone. Memory use does not depend on the file or line length.
/// </summary>
internal sealed class AsciiStlTokenizer
{
    /// <summary>Maximum token length kept. Keywords and float32 numbers are far shorter, so longer tokens are only marked.</summary>
    public const int MaxTokenLength = 64;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly byte[] _token = new byte[MaxTokenLength];
    private int _position;
    private int _count;
    private bool _endOfStream;
    private bool _previousWasCarriageReturn;
    private int _line = 1;
    private int _tokenLength;

    public AsciiStlTokenizer(Stream stream)
    {
        _stream = stream;
        if (Fill() && _count >= 3 && _buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
        {
            _position = 3;
        }
    }

    /// <summary>Bytes of the current token, cut to <see cref="MaxTokenLength"/> when <see cref="TokenTooLong"/> is true.</summary>
    public ReadOnlySpan<byte> Token => _token.AsSpan(0, _tokenLength);

    public bool TokenTooLong { get; private set; }

    /// <summary>1-based line of the current token.</summary>
    public int TokenLine { get; private set; }

    /// <summary>Moves to the next token; returns false at the end of the stream.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (_position == _count && !Fill())
            {
                return false;
            }

            byte b = _buffer[_position];
            if (!StlTextProbe.IsWhitespace(b))
            {
                break;
            }

            CountLine(b);
            _position++;
        }

        TokenLine = _line;
        _tokenLength = 0;
        TokenTooLong = false;
        while (_position < _count || Fill())
        {
            byte b = _buffer[_position];
            if (StlTextProbe.IsWhitespace(b))
            {
                break;
            }

            if (_tokenLength < MaxTokenLength)
            {
                _token[_tokenLength++] = b;
            }
            else
            {
                TokenTooLong = true;
            }

            _previousWasCarriageReturn = false;
            _position++;
        }

        return true;
    }

    public bool IsKeyword(ReadOnlySpan<byte> keyword) =>
        !TokenTooLong && Ascii.EqualsIgnoreCase(Token, keyword);

    /// <summary>Returns the token for an error message, with control and non-ASCII bytes replaced by '?'.</summary>
    public string TokenForMessage()
    {
        var text = new StringBuilder(_tokenLength + 3);
        foreach (byte b in Token)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }

        if (TokenTooLong)
        {
            text.Append("...");
        }

        return text.ToString();
    }

    private void CountLine(byte b)
    {
        if (b == (byte)'\r')
        {
            _line++;
        }
        else if (b == (byte)'\n' && !_previousWasCarriageReturn)
        {
            _line++;
        }

        _previousWasCarriageReturn = b == (byte)'\r';
    }

    private bool Fill()
    {
        if (_endOfStream)
        {
            return false;
        }

        _position = 0;
        _count = _stream.Read(_buffer, 0, _buffer.Length);
        if (_count == 0)
        {
            _endOfStream = true;
            return false;
        }

        return true;
    }
}
