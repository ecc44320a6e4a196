using System.Text;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Formats.Rvwj;
using RealVision.Formats.Stl;
using RealVision.Geometry;
using Xunit;

namespace RealVision.Formats.Tests;

/// <summary>
/// Feeds seeded random mutations of valid files to both readers. Each run must either return a
/// consistent workspace or throw InputException; any other exception is a reader bug.
/// </summary>
public class FuzzTests
{
    private const int Seed = 20240611;
    private const int MutationsPerInput = 500;

    public static TheoryData<string> Inputs => new() { "binary.stl", "ascii.stl", "cubetest.rvwj", "20mm_cube.json" };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Mutations_OnlyInputExceptionEscapes(string input)
    {
        byte[] original = LoadInput(input);
        IInputFormat format = input.EndsWith(".stl", StringComparison.Ordinal) ? new StlFormat() : new WorkspaceFormat();
        var random = new Random(Seed + input.Length);
        int accepted = 0, rejected = 0;

        for (int i = 0; i < MutationsPerInput; i++)
        {
            byte[] mutated = Mutate(original, random);
            var context = new InputContext { FileName = "fuzz-" + input };
            try
            {
                Workspace workspace = format.Read(new MemoryStream(mutated, writable: false), context);
                AssertConsistent(workspace);
                accepted++;
            }
            catch (InputException error)
            {
                Assert.Equal(ErrorCodes.InvalidInput, error.ErrorCode);
                Assert.StartsWith(context.FileName + ":", error.Message);
                rejected++;
            }
            catch (Exception other)
            {
                Assert.Fail($"Mutation {i} of {input} (seed {Seed + input.Length}) threw {other.GetType().Name}: {other.Message}");
            }
        }

        // Both outcomes must occur, or the mutations are too weak or too destructive to test anything.
        Assert.True(accepted > 0, $"No mutation of {input} was accepted.");
        Assert.True(rejected > 0, $"No mutation of {input} was rejected.");
    }

    private static byte[] LoadInput(string input)
    {
        Triangle[] cube = TestGeometry.Box(new Point3D(0, 0, 0), new Point3D(20, 20, 20));
        return input switch
        {
            "binary.stl" => StlFiles.Binary(cube, "solid fuzz"),
            "ascii.stl" => Encoding.ASCII.GetBytes(StlFiles.Ascii(cube, "\r\n")),
            _ => File.ReadAllBytes(TestData.Path(input)),
        };
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = new List<byte>(original);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits && data.Count > 0; e++)
        {
            int at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 3:
                    data.RemoveRange(at, Math.Min(random.Next(1, 60), data.Count - at));
                    break;
                case 4:
                    data.InsertRange(at, Enumerable.Range(0, random.Next(1, 60)).Select(_ => (byte)random.Next(256)));
                    break;
                default:
                    // Replace one character by a structural or numeric one, which keeps text files text.
                    const string replacements = "{}[],:\"0123456789.-+eE \n\rNaN";
                    data[at] = (byte)replacements[random.Next(replacements.Length)];
                    break;
            }
        }

        return data.ToArray();
    }

    private static void AssertConsistent(Workspace workspace)
    {
        Assert.NotEmpty(workspace.Models);
        foreach (ModelDefinition model in workspace.Models)
        {
            Mesh mesh = model.Mesh;
            Assert.True(mesh.TriangleCount > 0);
            Assert.All(mesh.Indices, index => Assert.InRange(index, 0, mesh.Vertices.Length - 1));
            Assert.All(mesh.Vertices, p => Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y) && double.IsFinite(p.Z)));
        }
    }
}
