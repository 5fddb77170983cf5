namespace MigrationKit;

/// <summary>How a run groups migrations into transactions.</summary>
public enum MigrationRunTransaction
{
    /// <summary>One transaction per migration (the default): a failure keeps the migrations before it.</summary>
    PerMigration,

    /// <summary>One transaction over the whole run: a failure leaves the database as it was before the run.</summary>
    AllOrNothing,
}
