using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RealVision.Service.Tests.Support;

/// <summary>Request bodies the tests send and the check of the portal's error object.</summary>
public static class Requests
{
    /// <summary>A cube with a second cube as point-cloud modifier around it, as the portal describes.</summary>
    public static string PointCloudWorkspace(string reference)
    {
        JsonObject workspace = JsonNode.Parse(TestData.Text("cubetest.rvwj"))!.AsObject();
        JsonArray models = workspace["Models"]!.AsArray();
        JsonObject modifier = models[0]!.DeepClone().AsObject();
        modifier["metaData"]!["Name"] = "shore.stl";
        modifier["metaData"]!["SlicingPriority"] = 2;
        modifier["metaData"]!["Modifier"] = new JsonObject();
        modifier["metaData"]!["FileReference"] = reference;
        models.Add(modifier);
        return workspace.ToJsonString();
    }

    public static StringContent ProvideFile(string file, string printer = "IdeaWerk-Speed", string preset = "Recommended", string? taskId = null)
    {
        var body = new JsonObject
        {
            ["file"] = new JsonObject { ["FileName"] = file, ["WsConfigs"] = JsonNode.Parse(TestData.Text(file)) },
            ["supportType"] = "n",
            ["printerModel"] = printer,
            ["configPresetName"] = preset,
            ["configFile"] = "",
        };
        if (taskId is not null)
        {
            body["taskId"] = taskId;
        }

        return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }

    public static MultipartFormDataContent Form(string model, params (string Field, string FileName, byte[] Content)[] extra)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(TestData.Bytes(model)), "file", model } };
        foreach ((string field, string fileName, byte[] content) in extra)
        {
            form.Add(new ByteArrayContent(content), field, fileName);
        }

        return form;
    }

    /// <summary>Checks the status and the error object: errorCode in both places, string members, details an object.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonObject body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(code, (string?)body["errorCode"]);
        Assert.Equal(code, (string?)body["error"]!["errorCode"]);
        Assert.Equal((int)status, (int)body["statusCode"]!);
        Assert.Equal(status.ToString(), (string?)body["statusDescription"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["error"]!["errorMessage"]));
        Assert.Equal(JsonValueKind.Object, body["error"]!["details"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, body["apiVersion"]!.GetValueKind());
    }
}
