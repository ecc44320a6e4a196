using System.Globalization;

namespace RealVision.Workspaces.PointClouds;

/// <summary>Values a formula can read for one voxel.</summary>
/// <param name="X">Voxel centre along X, normalised: (i + 0.5) / nx, from 0 to 1 across the box.</param>
/// <param name="Y">As <paramref name="X"/> along Y.</param>
/// <param name="Z">As <paramref name="X"/> along Z.</param>
public readonly record struct VoxelPosition(double X, double Y, double Z, int I, int J, int K, int Nx, int Ny, int Nz);

/// <summary>
/// A parsed arithmetic formula of a voxel's position, such as
/// <c>20 + 60 * x</c>, compiled once into a tree of delegates and evaluated
/// for every voxel.
/// </summary>
/// <remarks>
/// Grammar: numbers (invariant, with '.' and an optional exponent), the
/// variables of <see cref="VoxelPosition"/> (x, y, z, i, j, k, nx, ny, nz),
/// the constants pi and e, + - * / % (remainder), ^ (power, right
/// associative, binding tighter than a leading minus: -2^2 is -4),
/// parentheses, and the functions in <see cref="Functions"/>. Names are
/// case-insensitive.
/// System.Data.DataTable.Compute was the alternative: it has no sqrt, sin or
/// power, parses the text again on every call and mixes decimal with double,
/// while this parser is small and evaluates a million voxels in milliseconds.
/// </remarks>
public sealed class ShoreFormula
{
    private readonly Func<VoxelPosition, double> evaluate;

    private ShoreFormula(string text, Func<VoxelPosition, double> evaluate)
    {
        Text = text;
        this.evaluate = evaluate;
    }

    /// <summary>Function names with their argument counts (-1: one or more).</summary>
    public static IReadOnlyDictionary<string, int> Functions { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["abs"] = 1, ["sqrt"] = 1, ["exp"] = 1, ["ln"] = 1, ["log10"] = 1,
        ["sin"] = 1, ["cos"] = 1, ["tan"] = 1, ["asin"] = 1, ["acos"] = 1, ["atan"] = 1, ["atan2"] = 2,
        ["floor"] = 1, ["ceil"] = 1, ["round"] = 1, ["pow"] = 2, ["clamp"] = 3,
        ["min"] = -1, ["max"] = -1,
    };

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>. Throws <see cref="FormatException"/> naming the position of the first error.</summary>
    public static ShoreFormula Parse(string text)
    {
        var parser = new Parser(text);
        return new ShoreFormula(text, parser.ParseWhole());
    }

    public double Evaluate(VoxelPosition position) => evaluate(position);

    /// <summary>Recursive-descent parser; each Parse method returns the delegate for its part of the formula.</summary>
    private sealed class Parser
    {
        private readonly string text;
        private int position;

        public Parser(string text)
        {
            this.text = text;
        }

        public Func<VoxelPosition, double> ParseWhole()
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new FormatException("The formula is empty; write an expression of x, y and z, such as \"20 + 60 * x\".");
            }

            Func<VoxelPosition, double> result = ParseSum();
            SkipSpaces();
            if (position < text.Length)
            {
                throw Error($"unexpected '{text[position]}'");
            }

            return result;
        }

        private Func<VoxelPosition, double> ParseSum()
        {
            Func<VoxelPosition, double> left = ParseProduct();
            while (true)
            {
                if (Accept('+'))
                {
                    Func<VoxelPosition, double> l = left, right = ParseProduct();
                    left = v => l(v) + right(v);
                }
                else if (Accept('-'))
                {
                    Func<VoxelPosition, double> l = left, right = ParseProduct();
                    left = v => l(v) - right(v);
                }
                else
                {
                    return left;
                }
            }
        }

        private Func<VoxelPosition, double> ParseProduct()
        {
            Func<VoxelPosition, double> left = ParseUnary();
            while (true)
            {
                Func<VoxelPosition, double> l = left;
                if (Accept('*'))
                {
                    Func<VoxelPosition, double> right = ParseUnary();
                    left = v => l(v) * right(v);
                }
                else if (Accept('/'))
                {
                    Func<VoxelPosition, double> right = ParseUnary();
                    left = v => l(v) / right(v);
                }
                else if (Accept('%'))
                {
                    Func<VoxelPosition, double> right = ParseUnary();
                    left = v => l(v) % right(v);
                }
                else
                {
                    return left;
                }
            }
        }

        private Func<VoxelPosition, double> ParseUnary()
        {
            if (Accept('-'))
            {
                Func<VoxelPosition, double> operand = ParseUnary();
                return v => -operand(v);
            }

            if (Accept('+'))
            {
                return ParseUnary();
            }

            return ParsePower();
        }

        private Func<VoxelPosition, double> ParsePower()
        {
            Func<VoxelPosition, double> basis = ParsePrimary();
            if (!Accept('^'))
            {
                return basis;
            }

            Func<VoxelPosition, double> exponent = ParseUnary();
            return v => Math.Pow(basis(v), exponent(v));
        }

        private Func<VoxelPosition, double> ParsePrimary()
        {
            SkipSpaces();
            if (position >= text.Length)
            {
                throw Error("the formula ends where a number, name or '(' was expected");
            }

            char c = text[position];
            if (Accept('('))
            {
                Func<VoxelPosition, double> inner = ParseSum();
                Expect(')');
                return inner;
            }

            if (char.IsDigit(c) || c == '.')
            {
                double number = ParseNumber();
                return _ => number;
            }

            if (char.IsLetter(c))
            {
                int start = position;
                string name = ParseName();
                SkipSpaces();
                return position < text.Length && text[position] == '(' ? ParseCall(name, start) : Variable(name, start);
            }

            throw Error($"unexpected '{c}'");
        }

        private Func<VoxelPosition, double> ParseCall(string name, int start)
        {
            if (!Functions.TryGetValue(name, out int arity))
            {
                throw Error($"unknown function '{name}'; known: {string.Join(", ", Functions.Keys)}", start);
            }

            Expect('(');
            var arguments = new List<Func<VoxelPosition, double>> { ParseSum() };
            while (Accept(','))
            {
                arguments.Add(ParseSum());
            }

            Expect(')');
            if (arity >= 0 && arguments.Count != arity)
            {
                throw Error($"{name} takes {arity} argument{(arity == 1 ? "" : "s")}, not {arguments.Count}", start);
            }

            Func<VoxelPosition, double> a = arguments[0];
            Func<VoxelPosition, double> b = arguments.Count > 1 ? arguments[1] : a;
            Func<VoxelPosition, double> c = arguments.Count > 2 ? arguments[2] : a;
            return name.ToLowerInvariant() switch
            {
                "abs" => v => Math.Abs(a(v)),
                "sqrt" => v => Math.Sqrt(a(v)),
                "exp" => v => Math.Exp(a(v)),
                "ln" => v => Math.Log(a(v)),
                "log10" => v => Math.Log10(a(v)),
                "sin" => v => Math.Sin(a(v)),
                "cos" => v => Math.Cos(a(v)),
                "tan" => v => Math.Tan(a(v)),
                "asin" => v => Math.Asin(a(v)),
                "acos" => v => Math.Acos(a(v)),
                "atan" => v => Math.Atan(a(v)),
                "atan2" => v => Math.Atan2(a(v), b(v)),
                "floor" => v => Math.Floor(a(v)),
                "ceil" => v => Math.Ceiling(a(v)),
                "round" => v => Math.Round(a(v), MidpointRounding.AwayFromZero),
                "pow" => v => Math.Pow(a(v), b(v)),
                "clamp" => v => Math.Min(Math.Max(a(v), b(v)), c(v)),
                "min" => v => arguments.Min(argument => argument(v)),
                "max" => v => arguments.Max(argument => argument(v)),
                _ => throw new InvalidOperationException($"Function '{name}' is listed but has no implementation."),
            };
        }

        private Func<VoxelPosition, double> Variable(string name, int start) => name.ToLowerInvariant() switch
        {
            "x" => v => v.X,
            "y" => v => v.Y,
            "z" => v => v.Z,
            "i" => v => v.I,
            "j" => v => v.J,
            "k" => v => v.K,
            "nx" => v => v.Nx,
            "ny" => v => v.Ny,
            "nz" => v => v.Nz,
            "pi" => _ => Math.PI,
            "e" => _ => Math.E,
            _ => throw Error($"unknown name '{name}'; use x, y, z (0 to 1 across the box), i, j, k (voxel indices), nx, ny, nz, pi or e", start),
        };

        private double ParseNumber()
        {
            int start = position;
            while (position < text.Length && (char.IsDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }

            if (position < text.Length && text[position] is 'e' or 'E')
            {
                int mark = position;
                position++;
                if (position < text.Length && text[position] is '+' or '-')
                {
                    position++;
                }

                if (position < text.Length && char.IsDigit(text[position]))
                {
                    while (position < text.Length && char.IsDigit(text[position]))
                    {
                        position++;
                    }
                }
                else
                {
                    // Not an exponent: "2e" is 2 followed by the name e, which the caller rejects as unexpected.
                    position = mark;
                }
            }

            string token = text[start..position];
            if (!double.TryParse(token, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double value))
            {
                throw Error($"'{token}' is not a number", start);
            }

            return value;
        }

        private string ParseName()
        {
            int start = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            return text[start..position];
        }

        private bool Accept(char expected)
        {
            SkipSpaces();
            if (position < text.Length && text[position] == expected)
            {
                position++;
                return true;
            }

            return false;
        }

        private void Expect(char expected)
        {
            if (!Accept(expected))
            {
                throw Error(position < text.Length ? $"expected '{expected}' but found '{text[position]}'" : $"expected '{expected}' at the end");
            }
        }

        private void SkipSpaces()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private FormatException Error(string problem, int? at = null) =>
            new($"Formula \"{text}\": {problem} (at character {(at ?? position) + 1}).");
    }
}
