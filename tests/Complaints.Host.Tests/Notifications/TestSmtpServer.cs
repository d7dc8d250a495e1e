using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Complaints.Host.Tests.Notifications;

/// <summary>
/// A real SMTP server (SmtpServer) on a loopback port, in process: it accepts mail, or refuses it for now (452), and
/// refuses for good (550) any recipient whose address starts with "nobody". Stopping it leaves the port closed, so
/// the engine finds the server down; starting it again listens on the same port.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private SmtpServer.SmtpServer? server;
    private Task running = Task.CompletedTask;

    private TestSmtpServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>True: every message is answered 452 (insufficient storage, try later).</summary>
    public bool RefuseForNow { get; set; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    public int Refused => refused;

    private int refused;

    public static TestSmtpServer Start(int? port = null)
    {
        var smtp = new TestSmtpServer(port ?? FreePort());
        smtp.Listen();
        return smtp;
    }

    public void Listen()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Recipients());
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (server is null) return;
        server.Shutdown();
        await server.ShutdownTask;
        await running;
        server = null;
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Received.Where(m => m.To.Mailboxes.Any(b => b.Address == address))];

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class Recipients : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from,
            CancellationToken cancellationToken) => Task.FromResult(!to.User.StartsWith("nobody", StringComparison.Ordinal));
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.RefuseForNow)
            {
                Interlocked.Increment(ref owner.refused);
                return Task.FromResult(new SmtpResponse(SmtpReplyCode.InsufficientStorage, "try again later"));
            }
            using var stream = new MemoryStream(buffer.ToArray());
            owner.Received.Enqueue(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
