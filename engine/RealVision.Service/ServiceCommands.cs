using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RealVision.Service.Security;

namespace RealVision.Service;

/// <summary>
/// The `serve`, `worker` and `keys` commands. The realvision CLI adds them to its root command;
/// this assembly's own entry point runs them too. Settings come from the RealVision section of the
/// environment (RealVision__WorkerCount=4 and so on), then from the options below.
/// </summary>
public static class ServiceCommands
{
    public static Command Serve()
    {
        var urls = new Option<string[]>("--urls")
        {
            Description = "Addresses to listen on, such as http://127.0.0.1:5000 (port 0 picks a free port).",
            DefaultValueFactory = _ => new[] { "http://127.0.0.1:5000" },
            AllowMultipleArgumentsPerToken = true,
        };
        StorageOptions storage = new();
        var workers = new Option<int?>("--workers") { Description = "Slicing workers in this process (default: number of cores; 0: API only)." };
        var strict = new Option<bool>("--require-token") { Description = "Also require a bearer token from /oauth2/token on every call." };
        var prefixes = new Option<string?>("--prefixes") { Description = "Comma-separated path prefixes served besides the root (default /REALvision,/v0.1,/v0.3,/v1)." };
        var noOperatorKey = new Option<bool>("--no-operator-key") { Description = "Do not create and print an operator key on first start." };
        var command = new Command("serve", "Run the REST slicing service (and its workers).") { urls, workers, strict, prefixes, noOperatorKey };
        storage.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            ServiceOptions options = storage.Read(result);
            options.WorkerCount = result.GetValue(workers) ?? options.WorkerCount;
            options.RequireBearerToken |= result.GetValue(strict);
            options.PathPrefixes = result.GetValue(prefixes) ?? options.PathPrefixes;
            options.CreateOperatorKey &= !result.GetValue(noOperatorKey);
            return await RunServeAsync(options, result.GetValue(urls)!, cancellationToken);
        });
        return command;
    }

    public static Command Worker()
    {
        StorageOptions storage = new();
        var workers = new Option<int?>("--workers") { Description = "Slicing workers in this process (default: number of cores)." };
        var command = new Command("worker", "Run slicing workers without HTTP, on the storage of a running service.") { workers };
        storage.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            ServiceOptions options = storage.Read(result);
            options.WorkerCount = result.GetValue(workers) ?? options.WorkerCount;
            if (options.WorkerCount < 1)
            {
                await Console.Error.WriteLineAsync("realvision worker: --workers must be at least 1.");
                return 2;
            }

            using IHost host = ServiceHost.BuildWorker(options);
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    public static Command Keys()
    {
        var create = new Command("create", "Create a subscription key and print it with its OAuth2 client id and secret, once.");
        var name = new Option<string>("--name") { Description = "Who or what the key is for.", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Create an admin key (Hangfire dashboard, key management)." };
        StorageOptions createStorage = new();
        create.Options.Add(name);
        create.Options.Add(admin);
        createStorage.AddTo(create);
        create.SetAction(async (result, cancellationToken) =>
        {
            KeyManager keys = await KeyManager.OpenAsync(createStorage.Read(result), cancellationToken);
            CreatedKey key = await keys.CreateAsync(result.GetValue(name)!, result.GetValue(admin) ? KeyRole.Admin : KeyRole.User, cancellationToken);
            PrintCreatedKey(key, Console.Out);
            return 0;
        });

        var list = new Command("list", "List keys: id, name, first characters of the key, role, created and revoked times.");
        StorageOptions listStorage = new();
        listStorage.AddTo(list);
        list.SetAction(async (result, cancellationToken) =>
        {
            KeyManager keys = await KeyManager.OpenAsync(listStorage.Read(result), cancellationToken);
            foreach (ApiKeyInfo key in await keys.ListAsync(cancellationToken))
            {
                Console.WriteLine(
                    $"{key.Id}  {key.KeyPrefix}…  {(key.Role == KeyRole.Admin ? "admin" : "user "),-5}  {key.CreatedAt:u}  {(key.IsRevoked ? $"revoked {key.RevokedAt:u}" : "active")}  {key.Name}");
            }

            return 0;
        });

        var revoke = new Command("revoke", "Revoke a key by id, by the key itself, or by its first characters.");
        var selector = new Argument<string>("key") { Description = "Key id, subscription key, or at least its first 6 characters." };
        StorageOptions revokeStorage = new();
        revoke.Arguments.Add(selector);
        revokeStorage.AddTo(revoke);
        revoke.SetAction(async (result, cancellationToken) =>
        {
            KeyManager keys = await KeyManager.OpenAsync(revokeStorage.Read(result), cancellationToken);
            try
            {
                if (await keys.RevokeAsync(result.GetValue(selector)!, cancellationToken))
                {
                    Console.WriteLine("Key revoked.");
                    return 0;
                }

                await Console.Error.WriteLineAsync("realvision keys revoke: no key matches; run `realvision keys list`.");
                return 3;
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"realvision keys revoke: {ex.Message}");
                return 2;
            }
        });

        return new Command("keys", "Manage subscription keys of the REST service.") { create, list, revoke };
    }

    /// <summary>Runs the API service until <paramref name="cancellationToken"/> fires or the process is stopped.</summary>
    public static async Task<int> RunServeAsync(ServiceOptions options, IEnumerable<string> urls, CancellationToken cancellationToken)
    {
        await using WebApplication app = ServiceHost.BuildWebApplication(options, urls);
        await app.StartAsync(cancellationToken);
        string address = ServiceHost.Addresses(app).FirstOrDefault() ?? "http://127.0.0.1";

        // Tests and scripts read this line to find the port; it carries no secret.
        Console.WriteLine($"RealVision service listening on {address}");
        if (options.Storage == StorageKind.Sqlite && options.CreateOperatorKey)
        {
            KeyManager keys = app.Services.GetRequiredService<KeyManager>();
            if (!await keys.AnyAsync(cancellationToken))
            {
                CreatedKey key = await keys.CreateAsync("operator", KeyRole.Admin, cancellationToken);
                Console.WriteLine("First start: an operator (admin) key was created. It is shown only now; keep it.");
                PrintCreatedKey(key, Console.Out);
                Console.WriteLine($"API page: {address}/swagger   web page: {address}/   dashboard: {address}/hangfire?subscription-key=<key>");
            }
        }

        Console.Out.Flush();
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>Prints a new key's secrets to standard output (never to the log).</summary>
    public static void PrintCreatedKey(CreatedKey key, TextWriter output)
    {
        output.WriteLine($"  subscription key (Ocp-Apim-Subscription-Key): {key.SubscriptionKey}");
        output.WriteLine($"  OAuth2 client_id:     {key.ClientId}");
        output.WriteLine($"  OAuth2 client_secret: {key.ClientSecret}");
        output.WriteLine($"  role: {(key.Info.Role == KeyRole.Admin ? "admin" : "user")}, name: {key.Info.Name}");
    }

    /// <summary>Options naming where the service's data lives, shared by every command.</summary>
    private sealed class StorageOptions
    {
        private readonly Option<string?> data = new("--data") { Description = "Data folder (uploads, results, and the SQLite database). Default: ./realvision-data." };
        private readonly Option<string?> storage = new("--storage") { Description = "sqlite (default) or postgresql." };
        private readonly Option<string?> postgres = new("--postgres") { Description = "Npgsql connection string for --storage postgresql." };
        private readonly Option<string?> schema = new("--schema") { Description = "PostgreSQL schema (default realvision)." };
        private readonly Option<int?> lease = new("--lease-seconds") { Description = "Seconds before a crashed worker's task is queued again (default 15)." };

        public void AddTo(Command command)
        {
            command.Options.Add(data);
            command.Options.Add(storage);
            command.Options.Add(postgres);
            command.Options.Add(schema);
            command.Options.Add(lease);
        }

        public ServiceOptions Read(ParseResult result)
        {
            IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var options = new ServiceOptions();
            configuration.GetSection(ServiceOptions.SectionName).Bind(options);
            options.DataFolder = result.GetValue(data) ?? options.DataFolder;
            string? kind = result.GetValue(storage);
            if (kind is not null)
            {
                options.Storage = kind.Equals("postgresql", StringComparison.OrdinalIgnoreCase) || kind.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                    ? StorageKind.PostgreSql
                    : kind.Equals("sqlite", StringComparison.OrdinalIgnoreCase)
                        ? StorageKind.Sqlite
                        : throw new ArgumentException($"--storage '{kind}' is unknown; use sqlite or postgresql.");
            }

            options.PostgreSqlConnectionString = result.GetValue(postgres) ?? options.PostgreSqlConnectionString;
            options.PostgreSqlSchema = result.GetValue(schema) ?? options.PostgreSqlSchema;
            options.LeaseSeconds = result.GetValue(lease) ?? options.LeaseSeconds;
            return options;
        }
    }
}
