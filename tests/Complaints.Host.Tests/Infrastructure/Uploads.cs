using System.Net.Http.Headers;

namespace Complaints.Host.Tests.Infrastructure;

public static class Uploads
{
    /// <summary>The smallest file that passes as a PNG: its signature, then a few bytes.</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>One file of evidence, posted as the console and the clients post it (multipart, one file, a description).</summary>
    public static async Task<Answer> UploadAsync(this HttpClient client, Guid id, byte[] content, string contentType,
        string fileName = "brakes.png", string description = "Worn pads")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(description), "description");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/complaints/{id}/attachments") { Content = form };
        return await client.AnswerAsync(request);
    }
}
