using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealVision.Formats.Rvwj;

/// <summary>
/// Reads a vertex object {X, Y, Z} without boxing or nullable members, so large meshes stay compact.
/// Null and the strings "NaN", "Infinity" and "-Infinity" become non-finite values, which the
/// reader then rejects with a message that names the model. A missing coordinate is a JSON error.
/// </summary>
internal sealed class WorkspaceVertexConverter : JsonConverter<WorkspaceVertex>
{
    public override WorkspaceVertex Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A vertex must be an object with the members X, Y and Z.");
        }

        double x = 0, y = 0, z = 0;
        bool hasX = false, hasY = false, hasZ = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("X"u8) || reader.ValueTextEquals("x"u8))
            {
                reader.Read();
                x = ReadCoordinate(ref reader);
                hasX = true;
            }
            else if (reader.ValueTextEquals("Y"u8) || reader.ValueTextEquals("y"u8))
            {
                reader.Read();
                y = ReadCoordinate(ref reader);
                hasY = true;
            }
            else if (reader.ValueTextEquals("Z"u8) || reader.ValueTextEquals("z"u8))
            {
                reader.Read();
                z = ReadCoordinate(ref reader);
                hasZ = true;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!hasX)
        {
            throw MissingCoordinate("X");
        }

        if (!hasY)
        {
            throw MissingCoordinate("Y");
        }

        if (!hasZ)
        {
            throw MissingCoordinate("Z");
        }

        return new WorkspaceVertex(x, y, z);
    }

    public override void Write(Utf8JsonWriter writer, WorkspaceVertex value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("X", value.X);
        writer.WriteNumber("Y", value.Y);
        writer.WriteNumber("Z", value.Z);
        writer.WriteEndObject();
    }

    private static JsonException MissingCoordinate(string member) =>
        new($"A vertex lacks the member {member}, but every vertex needs X, Y and Z.");

    private static double ReadCoordinate(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                // Numbers beyond the double range, such as 1e400, come back as infinity and are rejected later.
                return reader.TryGetDouble(out double value) ? value : double.NaN;
            case JsonTokenType.Null:
                return double.NaN;
            case JsonTokenType.String when reader.ValueTextEquals("NaN"u8):
                return double.NaN;
            case JsonTokenType.String when reader.ValueTextEquals("Infinity"u8):
                return double.PositiveInfinity;
            case JsonTokenType.String when reader.ValueTextEquals("-Infinity"u8):
                return double.NegativeInfinity;
            default:
                throw new JsonException($"A vertex coordinate must be a number, but it is a JSON {reader.TokenType}.");
        }
    }
}
