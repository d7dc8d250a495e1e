using Complaints.Domain;
using Complaints.Host.Infrastructure;
using Complaints.Host.Security;
using Complaints.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.StaffWork;

public static class AttachmentEndpoints
{
    /// <summary>
    /// One file of evidence as <c>multipart/form-data</c> (<c>file</c>, optional <c>description</c> and <c>by</c>): at
    /// most 10 MB (else 413), of an allowed type that its own bytes confirm (else 415); nothing is stored when refused.
    /// </summary>
    [Authorize(Policy = Policies.WorkOnComplaint)]
    [TakesUpload(Evidence.MaxBodyBytes)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/attachments")]
    public static async Task<IResult> Post(Guid id, HttpContext http, [FromServices] ComplaintCommandPipeline pipeline,
        CancellationToken ct)
    {
        var form = await ReadFormAsync(http.Request, ct);
        var v = new Validator();
        var files = form.Files.GetFiles("file");
        if (files.Count != 1 || form.Files.Count != 1) v.Add("file", "send exactly one file, in the part named 'file'");
        var description = v.OptionalText(form["description"].Count > 1 ? null : form["description"].ToString(), "description");
        var by = v.OptionalLine(form["by"].ToString(), "by");
        v.ThrowIfInvalid();

        var file = files[0];
        if (file.Length > Evidence.MaxFileBytes)
            throw new RequestRejectedException(StatusCodes.Status413PayloadTooLarge, "File too large",
                $"A file may not exceed {Evidence.MaxFileBytes} bytes; this one has {file.Length}.");
        var fileName = v.Line(Path.GetFileName(file.FileName.Replace('\\', '/')), "file.fileName");
        if (file.Length == 0) v.Add("file", "is empty");
        v.ThrowIfInvalid();
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        var type = Evidence.TypeOf(file.ContentType, content)
            ?? throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type",
                $"The file must be one of {string.Join(", ", Evidence.Types.Select(t => t.ContentType).Distinct())}, declared as " +
                $"such and starting as such a file does; '{file.ContentType}' with these bytes is not accepted.");

        var sha256 = Evidence.Sha256(content);
        RequestGuard.SetBodyHash(http, $"{fileName}\n{type.ContentType}\n{sha256}\n{description}\n{by}");
        var context = CommandContext.From(http);
        var command = new AddAttachment(id, Guid.CreateVersion7(), fileName, type.ContentType, content.Length, sha256,
            description, by ?? context.Principal ?? "", pipeline.Now);
        return await pipeline.ExecuteAsync(command, context, ct,
            alongside: (session, _, _) =>
            {
                Evidence.Store(session, id, command.AttachmentId, content);
                return Task.CompletedTask;
            });
    }

    /// <summary>The file exactly as stored, as an attachment (never rendered inline), with the type it was checked as.</summary>
    [Authorize(Policy = Policies.ReadComplaint)]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "application/octet-stream", "image/jpeg", "image/png", "application/pdf")]
    [WolverineGet("/api/complaints/{id}/attachments/{attachmentId}")]
    public static async Task<IResult> Get(Guid id, Guid attachmentId, HttpResponse response,
        [FromServices] IQuerySession session, [FromServices] IDocumentStore store, CancellationToken ct)
    {
        var details = await session.LoadAsync<ComplaintDetails>(id, ct) ?? throw new ComplaintNotFoundException(id);
        var attachment = details.Attachments.FirstOrDefault(a => a.AttachmentId == attachmentId);
        var content = attachment is null ? null : await Evidence.LoadAsync(store, id, attachmentId, ct);
        if (attachment is null || content is null)
            throw new RequestRejectedException(StatusCodes.Status404NotFound, "Attachment not found",
                $"Complaint {id} holds no attachment {attachmentId}.");
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ETag = $"\"{attachment.Sha256}\"";
        return Results.File(content, attachment.ContentType, attachment.FileName);
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed multipart body",
                "The body is not a readable multipart/form-data form.", new Dictionary<string, string[]> { ["file"] = ["is not readable"] });
        }
    }
}
