using Complaints.Host.Tests.Infrastructure;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Complaints.Host.Tests.Codegen;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CodegenCollection
{
    public const string Name = "codegen";
}

/// <summary>
/// The host loads pre-generated handler code (TypeLoadMode.Static). This fails when an endpoint or handler
/// changed and `dotnet run --project src/Complaints.Host -- codegen write` was not run.
/// </summary>
[Collection(CodegenCollection.Name)]
public sealed class GeneratedCodeTests
{
    [Fact]
    public async Task Committed_generated_code_matches_what_the_current_handlers_generate()
    {
        var committed = Path.Combine(Repository.Root, "src", "Complaints.Host", "Internal", "Generated");
        var fresh = Directory.CreateTempSubdirectory("complaints-codegen-").FullName;
        var connectionString = await TestDatabases.OwnAsync("complaints_tests");

        // The codegen flag makes Wolverine scan for handlers instead of trusting the committed registry.
        JasperFxEnvironment.AutoStartHost = true;
        DynamicCodeBuilder.WithinCodegenCommand = true;
        try
        {
            await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("ConnectionStrings:Marten", connectionString);
                builder.ConfigureServices(services =>
                    services.ConfigureWolverine(options => options.CodeGeneration.GeneratedCodeOutputPath = fresh));
            });
            var services = factory.Services;
            new DynamicCodeBuilder(services, services.GetServices<ICodeFileCollection>().ToArray())
            {
                ServiceVariableSource = services.GetService<IServiceVariableSource>()
            }.WriteGeneratedCode(_ => { });
        }
        finally
        {
            DynamicCodeBuilder.WithinCodegenCommand = false;
        }

        var expected = Files(fresh);
        expected.Keys.ShouldNotBeEmpty();
        var actual = Files(committed);
        actual.Keys.Order().ShouldBe(expected.Keys.Order(), "generated files are missing or left over: run codegen write");
        foreach (var (file, code) in expected)
            actual[file].ShouldBe(code, $"{file} is stale: run `dotnet run --project src/Complaints.Host -- codegen write`");
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => File.ReadAllText(f).ReplaceLineEndings());
}
