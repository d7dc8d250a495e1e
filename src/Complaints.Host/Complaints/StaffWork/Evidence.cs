using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Complaints.Host.Infrastructure;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Complaints.Host.Complaints.StaffWork;

/// <summary>A type of file the engine keeps as evidence, and the bytes such a file starts with.</summary>
public sealed record EvidenceType(string ContentType, string Extension, byte[] Signature, Func<ReadOnlyMemory<byte>, bool>? Also = null)
{
    public bool Matches(ReadOnlyMemory<byte> bytes) =>
        bytes.Span.StartsWith(Signature) && (Also is null || Also(bytes));
}

/// <summary>
/// The files of evidence (procedure §9): photos, PDF and office documents, each checked against its own bytes, stored
/// in PostgreSQL beside the stream; the SHA-256 the event seals is what <c>integrity</c> holds the stored bytes to.
/// </summary>
public static class Evidence
{
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>A multipart body holds the file and a little more (boundaries, part headers, the description).</summary>
    public const long MaxBodyBytes = MaxFileBytes + 64 * 1024;

    public const string Table = StoreConfiguration.Schema + ".attachments";

    private static readonly byte[] Zip = "PK\u0003\u0004"u8.ToArray();
    private static readonly byte[] Compound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static readonly IReadOnlyList<EvidenceType> Types =
    [
        new("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
        new("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        new("image/webp", ".webp", "RIFF"u8.ToArray(), b => b.Length >= 12 && b.Span[8..12].SequenceEqual("WEBP"u8)),
        new("application/pdf", ".pdf", "%PDF-"u8.ToArray()),
        Office("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
        Office("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        Office("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
        new("application/msword", ".doc", Compound),
        new("application/vnd.ms-excel", ".xls", Compound)
    ];

    /// <summary>The package's own list of parts is read at most this far: it is a few kilobytes in real documents.</summary>
    private const int MaxContentTypesBytes = 256 * 1024;

    /// <summary>
    /// An Office Open XML document is a ZIP whose <c>[Content_Types].xml</c> names the main part of its kind
    /// (<c>…document.main+xml</c> for Word): a ZIP of anything else is no document, whatever it is called.
    /// </summary>
    private static EvidenceType Office(string contentType, string extension) =>
        new(contentType, extension, Zip, bytes => DeclaresMainPart(bytes, contentType + ".main+xml"));

    private static bool DeclaresMainPart(ReadOnlyMemory<byte> bytes, string mainPart)
    {
        try
        {
            using var zip = new ZipArchive(Readable(bytes), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is not { Length: > 0 and <= MaxContentTypesBytes } types) return false;
            // Read no further than the limit, whatever size the archive claims for the entry.
            using var reader = new StreamReader(types.Open());
            var text = new char[MaxContentTypesBytes];
            var read = reader.ReadBlock(text);
            return text.AsSpan(0, read).Contains($"\"{mainPart}\"", StringComparison.OrdinalIgnoreCase);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static MemoryStream Readable(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>The allowed type the file declares, when its bytes are of that type too; otherwise null.</summary>
    public static EvidenceType? TypeOf(string? declared, ReadOnlyMemory<byte> bytes) =>
        Types.FirstOrDefault(t => string.Equals(t.ContentType, declared?.Split(';')[0].Trim(), StringComparison.OrdinalIgnoreCase))
            is { } type && type.Matches(bytes) ? type : null;

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The table the bytes live in; an attachment is never changed or removed by the engine.</summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(StoreConfiguration.Schema, "attachments", SchemaUtils.IdentifierUsage.General));
        table.AddColumn("attachment_id", "uuid").AsPrimaryKey();
        table.AddColumn("complaint_id", "uuid").NotNull();
        table.AddColumn("content", "bytea").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_attachments_complaint_id") { Columns = ["complaint_id"] });
        return table;
    }

    /// <summary>Queues the bytes into the write's own commit, so the file is stored exactly when its event is.</summary>
    public static void Store(IDocumentSession session, Guid complaint, Guid attachment, byte[] content) =>
        session.QueueSqlCommand($"insert into {Table} (attachment_id, complaint_id, content) values (?, ?, ?)",
            attachment, complaint, content);

    public static async Task<byte[]?> LoadAsync(IDocumentStore store, Guid complaint, Guid attachment, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select content from {Table} where complaint_id = @complaint and attachment_id = @attachment";
        command.Parameters.AddWithValue("complaint", complaint);
        command.Parameters.AddWithValue("attachment", attachment);
        return await command.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>The SHA-256 of each stored file of the selected complaints, as the database computes it from the bytes.</summary>
    public static string StoredHashes(string within) =>
        $"select attachment_id, encode(sha256(content), 'hex') from {Table} where {within}";
}
