using System.Text.Encodings.Web;
using Complaints.Domain;
using Complaints.Domain.Workflow;
using Complaints.Host.Infrastructure;
using Fluid;

namespace Complaints.Host.Notifications;

/// <summary>A template failed while a message was being rendered: the notification fails with this reason.</summary>
public sealed class TemplateRenderException(string reason, Exception? cause = null) : Exception(reason, cause);

public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// The Liquid templates (Fluid) of every kind in every language, read and parsed once at start: one file
/// <c>&lt;language&gt;/&lt;kind&gt;.liquid</c> with the parts <c>--- subject</c>, <c>--- text</c> and <c>--- html</c>,
/// none of them empty. A missing or broken file stops the engine naming it, instead of failing mail later.
/// </summary>
public sealed class MailTemplates
{
    public static readonly IReadOnlyList<string> Parts = ["subject", "text", "html"];

    private static readonly FluidParser Parser = new();

    private readonly Dictionary<(NotificationKind, string), IFluidTemplate[]> templates;

    /// <summary>A value or filter a template names that the message lacks is an error, not silently empty text.</summary>
    private readonly TemplateOptions options = new() { StrictVariables = true, StrictFilters = true };

    private MailTemplates(Dictionary<(NotificationKind, string), IFluidTemplate[]> templates) => this.templates = templates;

    public static MailTemplates Load(string directory)
    {
        var loaded = new Dictionary<(NotificationKind, string), IFluidTemplate[]>();
        foreach (var language in People.Languages.All)
            foreach (var kind in Enum.GetValues<NotificationKind>())
            {
                var path = Path.Combine(directory, language, WireNames.Of(kind) + ".liquid");
                if (!File.Exists(path)) throw new StartupFailure($"Notification template {path} is missing.");
                loaded[(kind, language)] = Read(path, File.ReadAllText(path));
            }
        return new MailTemplates(loaded);
    }

    /// <summary>Splits and parses one file; the message names the file and the part that is wrong.</summary>
    public static IFluidTemplate[] Read(string path, string text)
    {
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
            if (line.StartsWith("--- ", StringComparison.Ordinal) && Parts.Contains(line[4..].Trim()))
                sections[line[4..].Trim()] = current = [];
            else current?.Add(line);
        return [.. Parts.Select(part =>
        {
            var body = sections.TryGetValue(part, out var lines) ? string.Join('\n', lines).Trim() : "";
            if (body.Length == 0) throw new StartupFailure($"Notification template {path}: the {part} part is empty or missing.");
            return Parser.TryParse(body, out var template, out var error)
                ? template
                : throw new StartupFailure($"Notification template {path}: the {part} part does not parse: {error}");
        })];
    }

    public RenderedMail Render(NotificationKind kind, string language, object model)
    {
        var parts = templates[(kind, language)];
        try
        {
            var context = new TemplateContext(model, options);
            return new RenderedMail(
                parts[0].Render(context, NullEncoder.Default).ReplaceLineEndings(" ").Trim(),
                parts[1].Render(context, NullEncoder.Default),
                parts[2].Render(context, HtmlEncoder.Default));
        }
        catch (Exception e) when (e is not TemplateRenderException)
        {
            throw new TemplateRenderException($"the {WireNames.Of(kind)} template ({language}) failed: {e.Message}", e);
        }
    }
}
