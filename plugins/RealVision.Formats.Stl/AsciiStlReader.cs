using System.Globalization;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;

namespace RealVision.Formats.Stl;

/// <summary>
/// Reads ASCII STL. Keywords are case-insensitive, and all solid sections of a file go into one mesh.
/// The reader also accepts "end loop" written as two words and a missing "endsolid", which it
/// reports as a warning. Coordinates are rounded to float32, the precision of STL, before welding.
/// </summary>
internal sealed class AsciiStlReader
{
    /// <summary>Facets read between two cancellation checks.</summary>
    private const int FacetsPerCancellationCheck = 4096;

    private readonly AsciiStlTokenizer _tokens;
    private readonly InputContext _context;
    private readonly MeshBuilder _builder = new(expectedTriangles: 1024);
    private bool _hasToken;
    private int _facetNumber;
    private int _facetStartLine;
    private bool _insideFacet;

    private AsciiStlReader(Stream input, InputContext context)
    {
        _tokens = new AsciiStlTokenizer(input);
        _context = context;
    }

    public static Mesh Read(Stream input, InputContext context) => new AsciiStlReader(input, context).ReadSections();

    private Mesh ReadSections()
    {
        if (!Advance())
        {
            throw StlErrors.Invalid(_context, "the file contains only whitespace. Export the model again as STL.");
        }

        if (!_tokens.IsKeyword("solid"u8))
        {
            throw Unexpected("'solid'");
        }

        int section = 0;
        while (true)
        {
            section++;
            int solidLine = _tokens.TokenLine;
            SkipNameOnLine(solidLine);
            while (_hasToken && _tokens.IsKeyword("facet"u8))
            {
                ReadFacet();
            }

            if (!_hasToken)
            {
                WarnMissingEndSolid(section, solidLine);
                break;
            }

            if (_tokens.IsKeyword("endsolid"u8))
            {
                SkipNameOnLine(_tokens.TokenLine);
                if (!_hasToken)
                {
                    break;
                }

                if (_tokens.IsKeyword("solid"u8))
                {
                    continue;
                }

                throw Unexpected("'solid' or the end of the file");
            }

            if (_tokens.IsKeyword("solid"u8))
            {
                WarnMissingEndSolid(section, solidLine);
                continue;
            }

            throw Unexpected("'facet' or 'endsolid'");
        }

        if (_builder.TriangleCount == 0)
        {
            throw StlErrors.Invalid(_context, "the ASCII STL file contains no facets, so there is no mesh to read. Export the model again.");
        }

        return _builder.Build();
    }

    /// <summary>Moves past a 'solid' or 'endsolid' keyword and the name that follows it on the same line.</summary>
    private void SkipNameOnLine(int line)
    {
        Advance();
        while (_hasToken && _tokens.TokenLine == line
            && !_tokens.IsKeyword("facet"u8) && !_tokens.IsKeyword("solid"u8) && !_tokens.IsKeyword("endsolid"u8))
        {
            Advance();
        }
    }

    private void ReadFacet()
    {
        _facetNumber++;
        _facetStartLine = _tokens.TokenLine;
        _insideFacet = true;
        if (_facetNumber % FacetsPerCancellationCheck == 0)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
        }

        AdvanceInFacet();
        if (_tokens.IsKeyword("normal"u8))
        {
            // The stored normal is ignored (the winding defines the orientation), so its three tokens are not parsed.
            for (int i = 0; i < 3; i++)
            {
                AdvanceInFacet();
                if (_tokens.IsKeyword("outer"u8))
                {
                    throw Unexpected("a normal component");
                }
            }

            AdvanceInFacet();
        }

        Expect("outer"u8, "'outer'");
        AdvanceInFacet();
        Expect("loop"u8, "'loop'");

        int a = ReadVertex(1);
        int b = ReadVertex(2);
        int c = ReadVertex(3);

        AdvanceInFacet();
        if (_tokens.IsKeyword("end"u8))
        {
            AdvanceInFacet();
            Expect("loop"u8, "'loop' after 'end'");
        }
        else if (_tokens.IsKeyword("vertex"u8))
        {
            throw StlErrors.Invalid(
                _context,
                $"line {_tokens.TokenLine}: facet {_facetNumber} has more than three vertices, but STL facets are triangles. Re-export the model with a triangulated mesh.");
        }
        else
        {
            Expect("endloop"u8, "'endloop'");
        }

        AdvanceInFacet();
        Expect("endfacet"u8, "'endfacet'");
        _insideFacet = false;
        Advance();

        _builder.AddTriangle(a, b, c);
    }

    private int ReadVertex(int corner)
    {
        AdvanceInFacet();
        Expect("vertex"u8, "'vertex'");
        double x = ReadCoordinate(corner);
        double y = ReadCoordinate(corner);
        double z = ReadCoordinate(corner);
        return _builder.AddVertex(x, y, z);
    }

    private double ReadCoordinate(int corner)
    {
        AdvanceInFacet();
        if (_tokens.TokenTooLong
            || !double.TryParse(_tokens.Token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw StlErrors.Invalid(
                _context,
                $"line {_tokens.TokenLine}: '{_tokens.TokenForMessage()}' in vertex {corner} of facet {_facetNumber} is not a number. Repair or re-export the model.");
        }

        float single = (float)value;
        if (!float.IsFinite(single))
        {
            throw StlErrors.Invalid(
                _context,
                $"line {_tokens.TokenLine}: vertex {corner} of facet {_facetNumber} has the coordinate '{_tokens.TokenForMessage()}', which is not a finite float32 number (at most ±3.4e38). Repair or re-export the model.");
        }

        return single;
    }

    private bool Advance()
    {
        _hasToken = _tokens.MoveNext();
        return _hasToken;
    }

    /// <summary>Moves to the next token inside a facet, where the end of the file means the file is cut.</summary>
    private void AdvanceInFacet()
    {
        int lastLine = _tokens.TokenLine;
        if (!Advance())
        {
            throw StlErrors.Invalid(
                _context,
                $"the file ends after line {lastLine}, inside facet {_facetNumber}, which starts at line {_facetStartLine}; the file is truncated. Re-export it from your CAD tool.");
        }
    }

    private void Expect(ReadOnlySpan<byte> keyword, string description)
    {
        if (!_tokens.IsKeyword(keyword))
        {
            throw Unexpected(description);
        }
    }

    private InputException Unexpected(string expected)
    {
        string where = _insideFacet
            ? $" in facet {_facetNumber}, which starts at line {_facetStartLine}"
            : _facetNumber > 0 ? $" after facet {_facetNumber}" : string.Empty;
        return StlErrors.Invalid(
            _context,
            $"line {_tokens.TokenLine}: expected {expected} but found '{_tokens.TokenForMessage()}'{where}; the file is not valid ASCII STL. Re-export it from your CAD tool.");
    }

    private void WarnMissingEndSolid(int section, int solidLine)
    {
        _context.Warnings.Add(
            $"{_context.FileName}: solid section {section}, which starts at line {solidLine}, has no 'endsolid'; the facets read up to there were kept, but the file may be truncated.");
    }
}
