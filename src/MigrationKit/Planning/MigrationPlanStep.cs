using MigrationKit.Operations;

namespace MigrationKit.Planning;

/// <summary>
/// One step of a <see cref="MigrationPlan"/>: a migration, the direction it runs, its operations and, once scripted,
/// the commands they generate. The operations are recorded from the migration class on first use and then kept, so a
/// plan creates no instance of a migration that never runs, and an irreversible Down fails at its own step.
/// </summary>
internal sealed class MigrationPlanStep
{
    private readonly MigrationCatalog _catalog;

    public MigrationPlanStep(MigrationCatalog catalog, MigrationDescriptor migration, MigrationDirection direction)
        : this(catalog, migration, direction, [])
    {
    }

    private MigrationPlanStep(MigrationCatalog catalog, MigrationDescriptor migration, MigrationDirection direction, IReadOnlyList<MigrationCommand> commands)
    {
        _catalog = catalog;
        Migration = migration;
        Direction = direction;
        Commands = commands;
    }

    /// <summary>The migration.</summary>
    public MigrationDescriptor Migration { get; }

    /// <summary>Up (apply) or down (revert).</summary>
    public MigrationDirection Direction { get; }

    /// <summary>The migration's version.</summary>
    public long Version => Migration.Version;

    /// <summary>The migration's description.</summary>
    public string Description => Migration.Description;

    /// <summary>Whether the step runs in a transaction with its history row.</summary>
    public bool Transactional => Migration.Transaction == MigrationTransactionMode.Transactional;

    /// <summary>The operations the step runs: the migration's Up, or its Down (declared or derived).</summary>
    /// <exception cref="IrreversibleMigrationException">A step down whose migration has no Down and cannot derive one.</exception>
    public IReadOnlyList<MigrationOperation> Operations =>
        Direction == MigrationDirection.Up ? _catalog.GetUp(Migration) : _catalog.GetDown(Migration);

    /// <summary>The checksum recorded in the history when the step applies the migration.</summary>
    public string Checksum => _catalog.GetChecksum(Migration);

    /// <summary>
    /// The commands the step runs, as scripted against the schema predicted for it; empty until the plan is scripted.
    /// The executor generates the same commands with the same generator against the live schema, inside the step's
    /// transaction (a SQLite rebuild must copy the table as it stands then).
    /// </summary>
    public IReadOnlyList<MigrationCommand> Commands { get; }

    /// <summary>This step with its scripted commands.</summary>
    public MigrationPlanStep WithCommands(IReadOnlyList<MigrationCommand> commands) => new(_catalog, Migration, Direction, commands);
}
