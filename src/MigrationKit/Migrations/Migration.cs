using System.Reflection;

namespace MigrationKit;

/// <summary>
/// The base class for migrations. Override <see cref="Up"/>; override <see cref="Down"/> only when Up holds an
/// operation that cannot be undone automatically (drop table or column, raw SQL, data changes, an alter without
/// its previous definition). Mark the class with <see cref="MigrationAttribute"/>.
/// </summary>
public abstract class Migration : IMigration
{
    /// <summary>Initializes the migration.</summary>
    protected Migration()
    {
    }

    /// <inheritdoc />
    public abstract void Up(MigrationBuilder migration);

    /// <summary>
    /// Records the inverse of every operation of <see cref="Up"/>, last first. Override it when Up is not
    /// automatically reversible.
    /// </summary>
    /// <param name="migration">The builder to record on.</param>
    /// <exception cref="IrreversibleMigrationException">Up holds an operation without an automatic inverse.</exception>
    public virtual void Down(MigrationBuilder migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var up = new MigrationBuilder(migration.Naming);
        Up(up);
        var operations = up.Operations;
        for (var i = operations.Count - 1; i >= 0; i--)
        {
            var inverse = operations[i].Invert()
                ?? throw new IrreversibleMigrationException(GetType().GetCustomAttribute<MigrationAttribute>()?.Version ?? 0, GetType().Name, operations[i].Describe());
            migration.Add(inverse);
        }
    }
}
