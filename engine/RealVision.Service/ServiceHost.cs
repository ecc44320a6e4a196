using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;
using RealVision.Engine;
using RealVision.Service.Api;
using RealVision.Service.Data;
using RealVision.Service.Jobs;
using RealVision.Service.Security;

namespace RealVision.Service;

/// <summary>
/// Builds the two kinds of process: the API service (`realvision serve`, optionally with workers)
/// and a worker without HTTP (`realvision worker`), both over the same storage.
/// </summary>
public static class ServiceHost
{
    /// <summary>Registers the engine, storage, Hangfire and the service's classes.</summary>
    public static IServiceCollection AddRealVisionService(this IServiceCollection services, ServiceOptions options, bool withWorkers)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddRealVisionEngine(engine =>
        {
            engine.PluginFolders.AddRange(options.PluginFolders);
            engine.PrinterFolders.AddRange(options.PrinterFolders);
        });
        services.AddSingleton<ServiceDatabase>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<KeyManager>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<RunningTasks>();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton(_ => new SliceScheduler(Math.Max(1, options.WorkerCount) + Environment.ProcessorCount));
        services.AddSingleton<TaskQueue>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<SubmissionReader>();
        services.AddTransient<SliceJob>();
        services.AddTransient<RetentionJob>();

        // These Hangfire objects are registered before AddHangfire, so its TryAdd calls keep them.
        // Several service instances in one process (the tests) then each use their own storage.
        services.AddSingleton(_ => CreateStorage(options));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IBackgroundJobClient>(provider => new BackgroundJobClient(provider.GetRequiredService<JobStorage>()));
        services.AddSingleton<IRecurringJobManager>(provider => new RecurringJobManager(provider.GetRequiredService<JobStorage>()));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogging(provider.GetRequiredService<ILoggerFactory>())));
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<TaskRecovery>();
        if (withWorkers && options.WorkerCount > 0)
        {
            services.AddHangfireServer((provider, server) =>
            {
                server.WorkerCount = options.WorkerCount;
                server.ServerName = provider.GetRequiredService<NodeIdentity>().Name;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                server.ShutdownTimeout = TimeSpan.FromSeconds(10);
                server.Activator = provider.GetRequiredService<JobActivator>();
            });
        }

        return services;
    }

    /// <summary>Builds the API service on the given URLs (for example http://127.0.0.1:5000; port 0 picks a free port).</summary>
    public static WebApplication BuildWebApplication(ServiceOptions options, IEnumerable<string> urls, string[]? configurationArgs = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs ?? Array.Empty<string>(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureLogging(builder.Logging);
        builder.WebHost.UseUrls(urls.ToArray());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = options.MaxRequestBodyBytes;
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, options.MaxRequestBodyBytes);
        });
        builder.Services.AddRealVisionService(options, withWorkers: true);
        builder.Services.AddOpenApi("v1", openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document);
                return Task.CompletedTask;
            });
            openApi.AddOperationTransformer(DocumentedBody.ApplyAsync);
        });

        WebApplication app = builder.Build();
        ConfigurePipeline(app, options);
        return app;
    }

    private static void ConfigurePipeline(WebApplication app, ServiceOptions options)
    {
        // Hangfire's static configuration (log provider) must point at this host before its storage is built.
        app.Services.GetRequiredService<IGlobalConfiguration>();
        app.UseMiddleware<SlashMiddleware>();
        foreach (string prefix in options.ParsedPathPrefixes)
        {
            app.UsePathBase(prefix);
        }

        app.UseMiddleware<ErrorMiddleware>();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "swagger";
            ui.SwaggerEndpoint("../openapi/v1.json", "RealVision API v1");
            ui.DocumentTitle = "RealVision API";
        });
        var dashboardAuthorization = new DashboardAuthorization(
            app.Services.GetRequiredService<KeyManager>(),
            app.Services.GetRequiredService<TokenService>(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RealVision.Service.Dashboard"));
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = Array.Empty<Hangfire.Dashboard.IDashboardAuthorizationFilter>(),
            AsyncAuthorization = new[] { dashboardAuthorization },
            DisplayStorageConnectionString = false,
            DashboardTitle = "RealVision tasks",
        }, app.Services.GetRequiredService<JobStorage>());

        app.UseRouting();
        app.UseMiddleware<SubscriptionKeyMiddleware>();
        app.MapOpenApi().WithMetadata(new PublicEndpointAttribute());
        TokenEndpoint.Map(app);
        RestEndpoints.Map(app);
        RpcEndpoints.Map(app);
        AdminEndpoints.Map(app);
        WebPageEndpoints.Map(app);
    }

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Info.Title = "RealVision slicing API";
        document.Info.Description =
            "Slicing as a service: the /ws/tasks endpoints and the RPC endpoints of the REALvision Online clients. "
            + "Every call but /oauth2/token needs the Ocp-Apim-Subscription-Key header.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["subscriptionKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = SubscriptionKeyMiddleware.HeaderName,
            Description = "Subscription key from `realvision keys create` or the operator key printed on first start.",
        };
        document.Security ??= new List<OpenApiSecurityRequirement>();
        document.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference("subscriptionKey", document)] = new List<string>(),
        });
    }

    /// <summary>Builds a worker process: Hangfire server, recovery and retention over the same storage, no HTTP.</summary>
    public static IHost BuildWorker(ServiceOptions options, string[]? configurationArgs = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs ?? Array.Empty<string>(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureLogging(builder.Logging);
        builder.Services.AddRealVisionService(options, withWorkers: true);
        IHost host = builder.Build();
        host.Services.GetRequiredService<IGlobalConfiguration>();
        return host;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        });
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Hangfire", LogLevel.Warning);
        logging.AddFilter("Hangfire.Server.BackgroundServerProcess", LogLevel.Information);
    }

    /// <summary>The addresses Kestrel listens on, once started.</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? new List<string>();

    private static JobStorage CreateStorage(ServiceOptions options)
    {
        TimeSpan poll = TimeSpan.FromMilliseconds(options.QueuePollIntervalMs);
        if (options.Storage == StorageKind.PostgreSql)
        {
            var postgres = new PostgreSqlStorageOptions
            {
                SchemaName = options.PostgreSqlSchema,
                QueuePollInterval = poll,
                InvisibilityTimeout = TimeSpan.FromMinutes(30),
                PrepareSchemaIfNecessary = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(options.PostgreSqlConnectionString!, postgres), postgres);
        }

        string path = options.DatabasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var sqlite = new SQLiteStorageOptions
        {
            QueuePollInterval = poll,
            InvisibilityTimeout = TimeSpan.FromMinutes(30),
            DistributedLockLifetime = TimeSpan.FromSeconds(30),
            JobExpirationCheckInterval = TimeSpan.FromMinutes(30),
        };
        return new SQLiteStorage(new SQLiteDbConnectionFactory(() =>
        {
            var connection = new SQLite.SQLiteConnection(
                path, SQLite.SQLiteOpenFlags.ReadWrite | SQLite.SQLiteOpenFlags.Create | SQLite.SQLiteOpenFlags.NoMutex,
                storeDateTimeAsTicks: true)
            {
                BusyTimeout = TimeSpan.FromSeconds(30),
            };
            connection.ExecuteScalar<string>("PRAGMA journal_mode=WAL");
            connection.Execute("PRAGMA synchronous=NORMAL");
            return connection;
        }), sqlite);
    }
}

/// <summary>
/// Start-up work of every node: creates the tables, applies Hangfire's configuration and registers
/// the hourly retention job.
/// </summary>
internal sealed class StartupTasks : IHostedService
{
    private readonly IServiceProvider services;
    private readonly ILogger<StartupTasks> logger;

    public StartupTasks(IServiceProvider services, ILogger<StartupTasks> logger)
    {
        this.services = services;
        this.logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ServiceOptions options = services.GetRequiredService<ServiceOptions>();
        await services.GetRequiredService<ServiceDatabase>().EnsureSchemaAsync(cancellationToken);
        services.GetRequiredService<IGlobalConfiguration>();
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<RetentionJob>(
            RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        logger.LogInformation(
            "RealVision node {Node} started: storage {Storage}, data folder {DataFolder}, {Workers} workers, strict tokens {Strict}",
            services.GetRequiredService<NodeIdentity>().Name, options.Storage, Path.GetFullPath(options.DataFolder),
            options.WorkerCount, options.RequireBearerToken);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("RealVision node {Node} stopping", services.GetRequiredService<NodeIdentity>().Name);
        return Task.CompletedTask;
    }
}
