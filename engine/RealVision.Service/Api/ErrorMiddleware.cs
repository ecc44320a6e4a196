using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using RealVision.Abstractions.Errors;

namespace RealVision.Service.Api;

/// <summary>
/// Turns every failure into the portal's JSON error object: errors raised by handlers, engine errors,
/// oversized bodies, unknown paths and methods (RV404), and unexpected exceptions (500 RV500, logged).
/// </summary>
public sealed class ErrorMiddleware
{
    private readonly RequestDelegate next;
    private readonly ILogger<ErrorMiddleware> logger;

    public ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger)
    {
        this.next = next;
        this.logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, ServiceOptions options)
    {
        try
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405 && context.Response.ContentType is null)
            {
                await ApiResponses.WriteErrorAsync(context, HttpStatusCode.NotFound, ServiceErrorCodes.NoSuchEndpoint,
                    $"No endpoint answers {context.Request.Method} {context.Request.PathBase}{context.Request.Path}; see /swagger for the API.");
            }
        }
        catch (ApiException ex)
        {
            logger.LogInformation("{Method} {Path} failed with {Code}: {Message}", context.Request.Method, context.Request.Path, ex.ErrorCode, ex.Message);
            await ApiResponses.WriteErrorAsync(context, ex.Status, ex.ErrorCode, ex.Message, ex.Details);
        }
        catch (RealVisionException ex)
        {
            ApiException mapped = ApiException.FromEngine(ex);
            logger.LogInformation("{Method} {Path} failed with {Code}: {Message}", context.Request.Method, context.Request.Path, ex.ErrorCode, ex.Message);
            await ApiResponses.WriteErrorAsync(context, mapped.Status, mapped.ErrorCode, mapped.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteTooLargeAsync(context, options, ex);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // Form reading reports its length limits this way.
            await WriteTooLargeAsync(context, options, ex);
        }
        catch (BadHttpRequestException ex)
        {
            logger.LogInformation("{Method} {Path}: malformed request: {Message}", context.Request.Method, context.Request.Path, ex.Message);
            await ApiResponses.WriteErrorAsync(context, HttpStatusCode.BadRequest, ErrorCodes.InvalidInput, $"The request is malformed: {ex.Message}");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            logger.LogDebug("{Method} {Path}: the client closed the connection", context.Request.Method, context.Request.Path);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Method} {Path} failed with an unexpected error", context.Request.Method, context.Request.Path);
            await ApiResponses.WriteErrorAsync(context, HttpStatusCode.InternalServerError, ServiceErrorCodes.InternalError,
                "Internal server error; the service log has the details.");
        }
    }

    private async Task WriteTooLargeAsync(HttpContext context, ServiceOptions options, Exception ex)
    {
        logger.LogInformation("{Method} {Path}: body over the limit: {Message}", context.Request.Method, context.Request.Path, ex.Message);
        await ApiResponses.WriteErrorAsync(context, HttpStatusCode.BadRequest, ErrorCodes.InvalidInput,
            $"The request body is larger than the limit of {options.MaxRequestBodyBytes} bytes (setting MaxRequestBodyBytes).",
            new JsonObject { ["limit"] = "MaxRequestBodyBytes", ["maximum"] = options.MaxRequestBodyBytes.ToString() });
    }
}

/// <summary>Collapses repeated slashes in the path, so a base URL ending in "/" still reaches "//GetProgress".</summary>
public sealed class SlashMiddleware
{
    private readonly RequestDelegate next;

    public SlashMiddleware(RequestDelegate next)
    {
        this.next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        string? path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
        {
            var collapsed = new System.Text.StringBuilder(path.Length);
            foreach (char c in path)
            {
                if (c != '/' || collapsed.Length == 0 || collapsed[^1] != '/')
                {
                    collapsed.Append(c);
                }
            }

            context.Request.Path = new PathString(collapsed.ToString());
        }

        return next(context);
    }
}
