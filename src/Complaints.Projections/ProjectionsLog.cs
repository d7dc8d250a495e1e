using Microsoft.Extensions.Logging;

namespace Complaints.Projections;

/// <summary>The read models' log lines, source-generated (see the host's HostLog).</summary>
internal static partial class ProjectionsLog
{
    [LoggerMessage(2001, LogLevel.Error, "The report of complaint {Complaint} cannot be built at version {Version} ({EventType}): {Error}")]
    public static partial void ReportUnbuildable(this ILogger logger, Guid complaint, long version, string eventType, string error);
}
