namespace MigrationKit;

/// <summary>Marks a class as a migration with its version and description.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class MigrationAttribute : Attribute
{
    /// <summary>Marks a migration.</summary>
    /// <param name="version">A positive version; timestamps such as <c>202611221030</c> are the convention.</param>
    /// <param name="description">What the migration does, in a few words.</param>
    public MigrationAttribute(long version, string description)
    {
        Version = version;
        Description = description;
    }

    /// <summary>The version.</summary>
    public long Version { get; }

    /// <summary>The description.</summary>
    public string Description { get; }

    /// <summary>Whether the migration runs in a transaction (the default) or without one.</summary>
    public MigrationTransactionMode Transaction { get; set; }
}
