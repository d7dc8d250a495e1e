using Microsoft.Extensions.Options;

namespace Complaints.Host.Infrastructure;

/// <summary>A reason the engine cannot start that the operator fixes (a setting, a port): one line, exit code 1.</summary>
public sealed class StartupFailure(string message) : InvalidOperationException(message)
{
    /// <summary>
    /// The one line to print for <paramref name="failure"/>, or null when it is not an operator's to fix.
    /// <paramref name="readingSettings"/>: thrown while the host was being configured, where the files and sections
    /// read (deadline policy, calendars, input bounds, time zone) refuse what they cannot use with these exceptions.
    /// </summary>
    public static string? Explain(Exception failure, bool readingSettings = false) =>
        Reason(failure, readingSettings) is { } reason ? "Cannot start: " + reason : null;

    private static string? Reason(Exception failure, bool readingSettings)
    {
        // Hosting, Marten and Wolverine wrap what a service factory or a hosted service threw.
        for (Exception? e = failure; e is not null; e = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e.InnerException)
        {
            // The start-up validation reports every wrong section at once: the operator gets all of them on the line,
            // not the first one, then the next at the next start.
            if (e is AggregateException { InnerExceptions.Count: > 1 } several)
            {
                var reasons = several.InnerExceptions.Select(inner => Reason(inner, readingSettings)).ToList();
                return reasons.All(r => r is not null) ? string.Join("; ", reasons.Select(r => r!.TrimEnd('.'))) : null;
            }
            if (e is StartupFailure or OptionsValidationException
                || readingSettings && e is ArgumentException or InvalidOperationException or IOException
                    or Domain.Deadlines.DeadlinePolicyException or Domain.Calendars.CalendarDefinitionException)
                return e.Message.ReplaceLineEndings(" ");
        }
        return null;
    }
}

public static class Settings
{
    /// <summary>
    /// Binds <paramref name="section"/> and checks it when the host starts (<c>ValidateOnStart</c>), so a wrong setting
    /// stops the engine at once with a message naming it, not at the first request that needs it.
    /// <paramref name="problems"/> names each wrong setting relative to the section ("Port must …").
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this WebApplicationBuilder builder, string section,
        Func<T, IEnumerable<string>> problems) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new SectionRules<T>(section, problems));
        return builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
    }

    private sealed class SectionRules<T>(string section, Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            // The exception joins them with "; ", so each reads as a clause of one line.
            var found = problems(options).Select(problem => $"{section}:{problem.TrimEnd('.')}").ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
