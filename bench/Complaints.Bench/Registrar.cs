using Complaints.Host.Complaints;
using Complaints.Host.Complaints.Registering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Complaints.Bench;

/// <summary>
/// Registers complaints through the engine's command pipeline without HTTP: the command built as the endpoint
/// builds it (ledger number from the sequence), decided, sealed and appended with the deadline watch's messages.
/// </summary>
public sealed class Registrar(InProcessEngine engine, string receiverKind)
{
    private readonly ComplaintCommandPipeline pipeline = engine.Services.GetRequiredService<ComplaintCommandPipeline>();
    private readonly IntakeOptions intake = engine.Services.GetRequiredService<IOptions<IntakeOptions>>().Value;
    private readonly RegistrationLookup lookup = engine.Services.GetRequiredService<RegistrationLookup>();
    private int registered;

    /// <summary>A registrar whose complaints' notifications reach someone (<see cref="BenchMail"/>).</summary>
    public static async Task<Registrar> StartAsync(InProcessEngine engine, string receiverKind, CancellationToken ct)
    {
        BenchMail.Empty();
        await BenchMail.FillDirectoryAsync(engine, ct);
        return new Registrar(engine, receiverKind);
    }

    /// <summary>Registers one complaint; returns its id.</summary>
    public async Task<Guid> RegisterAsync(CancellationToken ct)
    {
        var correlation = Guid.NewGuid().ToString();
        var answer = await pipeline.ExecuteAsync(RegisterEndpoint.Registration(
            Registration.Request(receiverKind, Interlocked.Increment(ref registered)), intake, lookup, pipeline.Now),
            new CommandContext(null, null, "", correlation, correlation, "bench"), ct);
        return answer is CommandAnswerResult { Status: 201 } created
            ? created.Answer.Id
            : throw new InvalidOperationException($"Registration answered {answer}");
    }
}
