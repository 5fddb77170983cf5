namespace MigrationKit.Fleet;

/// <summary>One database of a fleet run: a name for the report and logs, and the connection string its runner uses.</summary>
public sealed class FleetTarget
{
    /// <summary>Creates a target.</summary>
    /// <param name="name">A name unique in the run (a tenant id, a host name); it appears in the report and logs.</param>
    /// <param name="connectionString">The connection string the runner factory receives; never logged nor reported.</param>
    /// <exception cref="ArgumentException">The name or the connection string is empty.</exception>
    public FleetTarget(string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The target's name.</summary>
    public string Name { get; }

    /// <summary>The connection string (it may hold a password: <see cref="ToString"/> leaves it out).</summary>
    public string ConnectionString { get; }

    /// <summary>The target's name only, so that a password never reaches a log or a message.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
