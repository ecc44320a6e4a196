using System.CommandLine;

namespace RealVision.Service;

/// <summary>
/// Entry point of the service assembly when run on its own (`dotnet RealVision.Service.dll serve`);
/// the realvision CLI offers the same commands.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("RealVision slicing service.")
        {
            ServiceCommands.Serve(),
            ServiceCommands.Worker(),
            ServiceCommands.Keys(),
        };
        ParseResult parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                Console.Error.WriteLine($"realvision-service: {error.Message}");
            }

            return 2;
        }

        return await parseResult.InvokeAsync();
    }
}
