using System.Globalization;

namespace RealVision.Dialects.Gcode;

/// <summary>Number formatting for G-code words without culture or exponent notation.</summary>
internal static class GcodeText
{
    /// <summary>Writes micrometres as millimetres with up to 3 decimals (12345 -> "12.345", 120000 -> "120").</summary>
    public static void WriteMillimetres(TextWriter writer, long micrometres)
    {
        if (micrometres < 0)
        {
            writer.Write('-');
            micrometres = -micrometres;
        }

        writer.Write(micrometres / 1000);
        long fraction = micrometres % 1000;
        if (fraction != 0)
        {
            writer.Write('.');
            int digits = 3;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            string text = fraction.ToString(CultureInfo.InvariantCulture);
            writer.Write(new string('0', digits - text.Length));
            writer.Write(text);
        }
    }

    /// <summary>Writes a value with up to 5 decimals.</summary>
    public static void WriteDecimal(TextWriter writer, double value)
    {
        writer.Write(Math.Round(value, 5).ToString("0.#####", CultureInfo.InvariantCulture));
    }
}
