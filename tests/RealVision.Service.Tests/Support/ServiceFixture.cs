using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RealVision.Client;
using RealVision.Service.Security;

namespace RealVision.Service.Tests.Support;

/// <summary>
/// Runs the service in this process on 127.0.0.1 with a free port, over a fresh data folder with its
/// SQLite file, and creates three user keys and one admin key.
/// </summary>
public class ServiceFixture : IAsyncLifetime
{
    private WebApplication? app;

    public string DataFolder { get; } = TestData.NewFolder("inproc");

    public ServiceOptions Options { get; private set; } = null!;

    public Uri BaseUri { get; private set; } = null!;

    public CreatedKey KeyA { get; private set; } = null!;

    public CreatedKey KeyB { get; private set; } = null!;

    public CreatedKey KeyC { get; private set; } = null!;

    public CreatedKey AdminKey { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    protected virtual void Configure(ServiceOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        Options = new ServiceOptions
        {
            DataFolder = DataFolder,
            WorkerCount = 2,
            QueuePollIntervalMs = 50,
            LeaseSeconds = 5,
            CreateOperatorKey = false,
        };
        Configure(Options);
        app = ServiceHost.BuildWebApplication(Options, new[] { "http://127.0.0.1:0" });
        await app.StartAsync();
        BaseUri = new Uri(ServiceHost.Addresses(app)[0] + "/");
        KeyManager keys = app.Services.GetRequiredService<KeyManager>();
        KeyA = await keys.CreateAsync("tests A");
        KeyB = await keys.CreateAsync("tests B");
        KeyC = await keys.CreateAsync("tests C");
        AdminKey = await keys.CreateAsync("tests admin", KeyRole.Admin);
    }

    public RealVisionClient Client(CreatedKey key) => new(BaseUri, key.SubscriptionKey);

    /// <summary>An HttpClient without any key, for requests whose exact shape a test controls.</summary>
    public HttpClient Http(CreatedKey? key = null)
    {
        var http = new HttpClient { BaseAddress = BaseUri };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add(RealVisionClient.SubscriptionKeyHeader, key.SubscriptionKey);
        }

        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        TestData.DeleteFolder(DataFolder);
    }
}
