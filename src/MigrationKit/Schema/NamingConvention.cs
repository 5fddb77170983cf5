namespace MigrationKit;

/// <summary>
/// Names the constraints and indexes a migration does not name itself. The default follows
/// <c>pk_&lt;table&gt;</c>, <c>fk_&lt;table&gt;_&lt;column&gt;_&lt;referenced table&gt;</c>, <c>ix_&lt;table&gt;_&lt;columns&gt;</c>,
/// <c>uq_&lt;table&gt;_&lt;columns&gt;</c> and <c>ck_&lt;table&gt;_&lt;name&gt;</c>. Derive from it and override any method
/// to use another convention; names become part of each migration's checksum.
/// </summary>
public class NamingConvention
{
    /// <summary>The default convention.</summary>
    public static NamingConvention Default { get; } = new();

    /// <summary>Names a primary key.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The constraint name.</returns>
    public virtual string PrimaryKey(string table) => $"pk_{table}";

    /// <summary>Names a foreign key.</summary>
    /// <param name="table">The referencing table.</param>
    /// <param name="columns">The referencing columns.</param>
    /// <param name="principalTable">The referenced table.</param>
    /// <returns>The constraint name.</returns>
    public virtual string ForeignKey(string table, IReadOnlyList<string> columns, string principalTable) =>
        $"fk_{table}_{string.Join('_', columns)}_{principalTable}";

    /// <summary>Names an index.</summary>
    /// <param name="table">The indexed table.</param>
    /// <param name="columns">The indexed columns.</param>
    /// <returns>The index name.</returns>
    public virtual string Index(string table, IReadOnlyList<string> columns) => $"ix_{table}_{string.Join('_', columns)}";

    /// <summary>Names a unique constraint.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The constrained columns.</param>
    /// <returns>The constraint name.</returns>
    public virtual string UniqueConstraint(string table, IReadOnlyList<string> columns) => $"uq_{table}_{string.Join('_', columns)}";

    /// <summary>Names a check constraint.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The short name the migration gave the check.</param>
    /// <returns>The constraint name.</returns>
    public virtual string CheckConstraint(string table, string name) => $"ck_{table}_{name}";
}
