using RealVision.Abstractions.Toolpaths;

namespace RealVision.Abstractions.Plugins;

/// <summary>Writes a planned print in one machine language (a G-code flavour or a binary format).</summary>
public interface IPrinterDialect : IPlugin
{
    PluginKind IPlugin.Kind => PluginKind.PrinterDialect;

    /// <summary>Extension of the files it writes, with the dot (".gcode").</summary>
    string FileExtension { get; }

    /// <summary>MIME type for downloads.</summary>
    string ContentType => "text/plain";

    /// <summary>
    /// Starts a file on <paramref name="output"/>. The engine calls
    /// <see cref="IToolpathWriter.WriteLayer"/> once per layer in order, then
    /// <see cref="IToolpathWriter.Finish"/>; the writer must not close the stream.
    /// </summary>
    IToolpathWriter CreateWriter(Stream output, PrintJob job);
}

/// <summary>Streams one print's layers into a dialect's format.</summary>
public interface IToolpathWriter : IDisposable
{
    void WriteLayer(LayerToolpath layer);

    void Finish(PrintStatistics statistics);
}
