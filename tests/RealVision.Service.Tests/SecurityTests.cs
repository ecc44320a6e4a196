using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RealVision.Client;
using RealVision.Service.Security;
using RealVision.Service.Tests.Support;

namespace RealVision.Service.Tests;

/// <summary>Subscription keys, isolation between keys, admin endpoints, the dashboard and the public docs.</summary>
public sealed class SecurityTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture service;

    public SecurityTests(ServiceFixture service)
    {
        this.service = service;
    }

    [Fact]
    public async Task MissingWrongAndRevokedKeys()
    {
        using HttpClient anonymous = service.Http();
        using HttpResponseMessage missing = await anonymous.PostAsync("GetActivationStatus", new StringContent("{}"));
        await Requests.AssertErrorAsync(missing, HttpStatusCode.Unauthorized, "AUTH001");

        using var wrongRequest = new HttpRequestMessage(HttpMethod.Get, "ws/tasks");
        wrongRequest.Headers.Add(RealVisionClient.SubscriptionKeyHeader, "761iioaziui212ac6a49fd91156ef469c");
        using HttpResponseMessage wrong = await anonymous.SendAsync(wrongRequest);
        await Requests.AssertErrorAsync(wrong, HttpStatusCode.Unauthorized, "AUTH001");

        using HttpResponseMessage unknownPath = await anonymous.GetAsync("no/such/endpoint");
        await Requests.AssertErrorAsync(unknownPath, HttpStatusCode.Unauthorized, "AUTH001");

        KeyManager keys = service.Services.GetRequiredService<KeyManager>();
        CreatedKey temporary = await keys.CreateAsync("revoked soon");
        using HttpResponseMessage byQuery = await anonymous.GetAsync($"ws/tasks?subscription-key={temporary.SubscriptionKey}");
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);

        Assert.True(await keys.RevokeAsync(temporary.SubscriptionKey[..8]));
        using HttpResponseMessage revoked = await anonymous.GetAsync($"ws/tasks?subscription-key={temporary.SubscriptionKey}");
        await Requests.AssertErrorAsync(revoked, HttpStatusCode.Unauthorized, "AUTH001");

        using RealVisionClient revokedClient = new(service.BaseUri, temporary.SubscriptionKey);
        var token = await Assert.ThrowsAsync<RealVisionApiException>(() => revokedClient.RequestTokenAsync(temporary.ClientId, temporary.ClientSecret));
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }

    [Fact]
    public async Task OtherKeysTaskIsNotFound()
    {
        using RealVisionClient owner = service.Client(service.KeyA);
        using RealVisionClient other = service.Client(service.KeyB);
        SlicingTask task = await owner.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("cubetest.rvwj") });
        await owner.WaitForCompletionAsync(task.TaskId);

        var calls = new Dictionary<string, Func<Task>>
        {
            ["GET /ws/tasks/{id}"] = () => other.GetTaskAsync(task.TaskId),
            ["download"] = () => other.DownloadAsync(task.TaskId),
            ["DELETE /ws/tasks/{id}"] = () => other.CancelTaskAsync(task.TaskId),
            ["GetProgress"] = () => other.GetProgressAsync(task.TaskId),
            ["GetPrintingInformation"] = () => other.GetPrintingInformationAsync(task.TaskId),
            ["CancelSlicing"] = () => other.CancelSlicingAsync(task.TaskId),
            ["DownloadFile"] = () => other.DownloadFileAsync(task.TaskId),
        };
        foreach ((string name, Func<Task> call) in calls)
        {
            var error = await Assert.ThrowsAsync<RealVisionApiException>(call);
            Assert.True(error.StatusCode == HttpStatusCode.NotFound, $"{name}: {(int)error.StatusCode}");
            Assert.True(error.ErrorCode == "URE005", $"{name}: {error.ErrorCode}");
        }

        Assert.Equal(TaskStatuses.Completed, (await owner.GetTaskAsync(task.TaskId)).Status);

        // Uploads are private too.
        string fileId = await owner.UploadFileAsync("calicat.stl", TestData.Bytes("calicat.stl"));
        var upload = await Assert.ThrowsAsync<RealVisionApiException>(() => other.StartSlicingTaskAsync("calicat.stl", fileId));
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
    }

    [Fact]
    public async Task AdminEndpointsNeedAdminKey()
    {
        using HttpClient user = service.Http(service.KeyA);
        using HttpResponseMessage denied = await user.GetAsync("admin/keys");
        await Requests.AssertErrorAsync(denied, HttpStatusCode.Unauthorized, "AUTH003");

        using HttpClient admin = service.Http(service.AdminKey);
        using HttpResponseMessage created = await admin.PostAsync("admin/keys", new StringContent("{\"name\": \"customer 7\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        JsonObject key = JsonNode.Parse(await created.Content.ReadAsStringAsync())!.AsObject();
        string subscriptionKey = (string)key["subscriptionKey"]!;
        Assert.Matches("^[0-9a-f]{32}$", subscriptionKey);

        using RealVisionClient fresh = new(service.BaseUri, subscriptionKey);
        Assert.True(await fresh.GetActivationStatusAsync());

        using HttpResponseMessage list = await admin.GetAsync("admin/keys");
        string listed = await list.Content.ReadAsStringAsync();
        Assert.Contains("customer 7", listed);
        Assert.DoesNotContain(subscriptionKey, listed);

        using HttpResponseMessage revoked = await admin.DeleteAsync($"admin/keys/{(string)key["id"]!}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var error = await Assert.ThrowsAsync<RealVisionApiException>(() => fresh.GetActivationStatusAsync());
        Assert.Equal("AUTH001", error.ErrorCode);
    }

    [Fact]
    public async Task KeysAreStoredHashed()
    {
        string database = await File.ReadAllTextAsync(Path.Combine(service.DataFolder, "realvision.db"), Encoding.Latin1);
        Assert.DoesNotContain(service.KeyA.SubscriptionKey, database);
        Assert.DoesNotContain(service.KeyA.ClientSecret, database);
    }

    [Fact]
    public async Task DashboardNeedsAdminKey()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var http = new HttpClient(handler) { BaseAddress = service.BaseUri };

        using HttpResponseMessage anonymous = await http.GetAsync("hangfire");
        Assert.Contains(anonymous.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        using HttpResponseMessage user = await http.GetAsync($"hangfire?subscription-key={service.KeyA.SubscriptionKey}");
        Assert.Contains(user.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });

        using HttpResponseMessage admin = await http.GetAsync($"hangfire?subscription-key={service.AdminKey.SubscriptionKey}");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("RealVision tasks", await admin.Content.ReadAsStringAsync());

        // The dashboard's own links carry no key; the cookie set above lets them through.
        using HttpResponseMessage follow = await http.GetAsync("hangfire/jobs/succeeded");
        Assert.Equal(HttpStatusCode.OK, follow.StatusCode);
    }

    [Fact]
    public async Task DocsAndPageNeedNoKey()
    {
        using HttpClient http = service.Http();
        using HttpResponseMessage openApi = await http.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        string document = await openApi.Content.ReadAsStringAsync();
        Assert.Contains("/ws/tasks", document);
        Assert.Contains("/GetProgress", document);
        Assert.Contains("Ocp-Apim-Subscription-Key", document);

        using HttpResponseMessage ui = await http.GetAsync("swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        using HttpResponseMessage page = await http.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<canvas id=\"preview\"", await page.Content.ReadAsStringAsync());
        using HttpResponseMessage script = await http.GetAsync("app/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        using HttpResponseMessage health = await http.GetAsync("v1/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

/// <summary>A service that also requires bearer tokens, which expire after 2 s.</summary>
public sealed class StrictServiceFixture : ServiceFixture
{
    protected override void Configure(ServiceOptions options)
    {
        options.RequireBearerToken = true;
        options.TokenLifetimeSeconds = 2;
    }
}

public sealed class StrictTokenTests : IClassFixture<StrictServiceFixture>
{
    private readonly StrictServiceFixture service;

    public StrictTokenTests(StrictServiceFixture service)
    {
        this.service = service;
    }

    [Fact]
    public async Task TokensAreRequiredAndExpire()
    {
        using RealVisionClient client = service.Client(service.KeyA);
        var noToken = await Assert.ThrowsAsync<RealVisionApiException>(() => client.GetActivationStatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("AUTH002", noToken.ErrorCode);

        client.BearerToken = "not.a.token";
        var garbage = await Assert.ThrowsAsync<RealVisionApiException>(() => client.GetActivationStatusAsync());
        Assert.Equal("AUTH002", garbage.ErrorCode);

        TokenResponse token = await client.RequestTokenAsync(service.KeyA.ClientId, service.KeyA.ClientSecret, "https://api.example.test");
        Assert.Equal("2", token.ExpiresIn);
        Assert.True(await client.GetActivationStatusAsync());

        using RealVisionClient other = service.Client(service.KeyB);
        other.BearerToken = token.AccessToken;
        var mixed = await Assert.ThrowsAsync<RealVisionApiException>(() => other.GetActivationStatusAsync());
        Assert.Equal("AUTH002", mixed.ErrorCode);

        await Task.Delay(TimeSpan.FromSeconds(3));
        var expired = await Assert.ThrowsAsync<RealVisionApiException>(() => client.GetActivationStatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("AUTH002", expired.ErrorCode);
        Assert.Contains("expired", expired.ErrorMessage);

        // A missing key is still AUTH001, whatever the token.
        using HttpClient anonymous = service.Http();
        using HttpResponseMessage missing = await anonymous.PostAsync("GetActivationStatus", new StringContent("{}"));
        await Requests.AssertErrorAsync(missing, HttpStatusCode.Unauthorized, "AUTH001");
    }
}
