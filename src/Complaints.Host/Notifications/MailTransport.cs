using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Complaints.Host.Notifications;

/// <summary>The server could not take the message now (unreachable, 4xx): tried again later.</summary>
public sealed class MailDeferredException(string reason, Exception? cause = null) : Exception(reason, cause);

/// <summary>The message can never go as it is (5xx: the address does not exist, the server refuses it): failed at once.</summary>
public sealed class MailRefusedException(string reason, Exception? cause = null) : Exception(reason, cause);

/// <summary>Hands a message to whoever carries it; <paramref name="name"/> names it where a file is written.</summary>
public interface IMailTransport
{
    /// <summary>Where mail goes, for the start-up log line.</summary>
    string Describe();

    Task SendAsync(MimeMessage message, string name, CancellationToken ct);
}

/// <summary>Sends through the configured SMTP server with MailKit, one connection per message.</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public string Describe() => $"SMTP server {options.Host}:{options.Port} ({options.Security})";

    public async Task SendAsync(MimeMessage message, string name, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.Security switch
            {
                "none" => SecureSocketOptions.None,
                "start-tls" => SecureSocketOptions.StartTls,
                "ssl" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto
            }, ct);
            if (options.User.Length > 0) await client.AuthenticateAsync(options.User, options.Password, ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            throw new MailRefusedException($"the SMTP server refused it: {(int)e.StatusCode} {e.Message}", e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or SocketException
                                      or ServiceNotConnectedException or AuthenticationException or SslHandshakeException
                                      or TimeoutException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            var code = e is SmtpCommandException command ? $"{(int)command.StatusCode} " : "";
            throw new MailDeferredException($"the SMTP server did not take it: {e.GetType().Name}: {code}{e.Message}", e);
        }
    }
}

/// <summary>
/// With no SMTP server configured, each message is written as an .eml file to the pickup folder, so a fresh clone
/// shows what would have been sent. A retry writes the same file again.
/// </summary>
public sealed class PickupMailTransport(string directory) : IMailTransport
{
    public string Directory => directory;

    public string Describe() => $"the pickup folder {directory} (.eml files; set Smtp:Host to send)";

    public async Task SendAsync(MimeMessage message, string name, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".eml");
        var partial = path + ".partial";
        await message.WriteToAsync(partial, ct);
        // Whole or not at all: a reader never sees half a message.
        File.Move(partial, path, overwrite: true);
    }
}
