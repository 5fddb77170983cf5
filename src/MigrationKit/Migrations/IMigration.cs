namespace MigrationKit;

/// <summary>
/// A versioned change to a database. Implementations record operations on the builder and never touch the
/// database themselves. Most migrations derive from <see cref="Migration"/>, which derives Down from Up.
/// </summary>
public interface IMigration
{
    /// <summary>Records the operations that apply the migration.</summary>
    /// <param name="migration">The builder to record on.</param>
    void Up(MigrationBuilder migration);

    /// <summary>Records the operations that undo <see cref="Up"/>.</summary>
    /// <param name="migration">The builder to record on.</param>
    void Down(MigrationBuilder migration);
}
