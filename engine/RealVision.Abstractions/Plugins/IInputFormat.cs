using RealVision.Abstractions.Model;

namespace RealVision.Abstractions.Plugins;

/// <summary>Reads one kind of model or workspace file into a <see cref="Workspace"/>.</summary>
public interface IInputFormat : IPlugin
{
    PluginKind IPlugin.Kind => PluginKind.InputFormat;

    /// <summary>File extensions this format reads, lower case with the dot (".stl").</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// Reads <paramref name="input"/>. Throws <see cref="Errors.InputException"/>
    /// for any problem in the data, naming <see cref="InputContext.FileName"/>.
    /// </summary>
    Workspace Read(Stream input, InputContext context);
}

/// <summary>What an input reader knows about the file it reads.</summary>
public sealed class InputContext
{
    public required string FileName { get; init; }

    /// <summary>Folder of the input file, for files it refers to; null for buffers.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Collects warnings the reader wants the user to see (repairs, ignored fields).</summary>
    public IList<string> Warnings { get; init; } = new List<string>();

    public CancellationToken CancellationToken { get; init; }
}
