using System.Globalization;
using RealVision.Dialects.Gcode;

namespace RealVision.Dialects.Tests;

/// <summary>The G-code number writer against .NET's own formatting of the same values.</summary>
public sealed class GcodeTextTests
{
    [Theory]
    [InlineData(0L, "0")]
    [InlineData(120000L, "120")]
    [InlineData(12345L, "12.345")]
    [InlineData(12340L, "12.34")]
    [InlineData(5L, "0.005")]
    [InlineData(-5L, "-0.005")]
    [InlineData(-120500L, "-120.5")]
    [InlineData(long.MinValue, "-9223372036854775.808")]
    public void Millimetres_KnownValues(long micrometres, string expected)
    {
        Assert.Equal(expected, Write(w => GcodeText.WriteMillimetres(w, micrometres)));
    }

    [Fact]
    public void Millimetres_MatchDecimalFormatting()
    {
        var random = new Random(20261204);
        for (int i = 0; i < 20_000; i++)
        {
            long micrometres = random.NextInt64(-2_000_000_000, 2_000_000_000) / (i % 4 == 0 ? 1000 : 1);
            string expected = (micrometres / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
            Assert.Equal(expected, Write(w => GcodeText.WriteMillimetres(w, micrometres)));
        }
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.123456, "0.12346")]
    [InlineData(0.000004, "0")]
    [InlineData(0.000005, "0")]
    [InlineData(0.000015, "0.00002")]
    [InlineData(2.5, "2.5")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(-0.000001, "0")]
    [InlineData(123456.789012, "123456.78901")]
    public void Decimal_KnownValues(double value, string expected)
    {
        Assert.Equal(expected, Write(w => GcodeText.WriteDecimal(w, value)));
    }

    [Fact]
    public void Decimal_MatchesRoundedCustomFormat()
    {
        // Extrusion amounts of a move (0 to a few mm), and wider values in both signs.
        var random = new Random(20261204);
        for (int i = 0; i < 100_000; i++)
        {
            double value = i % 2 == 0 ? random.NextDouble() * 2 : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 9));
            Assert.Equal(Reference(value), Write(w => GcodeText.WriteDecimal(w, value)));
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e300)]
    public void Decimal_OutOfRange_FallsBackToFormatting(double value)
    {
        Assert.Equal(Reference(value), Write(w => GcodeText.WriteDecimal(w, value)));
    }

    // .NET writes "-0" for a negative value that rounds to zero; G-code gets "0".
    private static string Reference(double value)
    {
        string text = Math.Round(value, 5).ToString("0.#####", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    private static string Write(Action<TextWriter> write)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(writer);
        return writer.ToString();
    }
}
