namespace MigrationKit.Data.Endpoints;

/// <summary>A column of a table as an <see cref="IDataEndpoint"/> describes it.</summary>
public sealed class DataColumn
{
    /// <summary>Creates a column description.</summary>
    /// <param name="name">The column's name as the database spells it.</param>
    /// <param name="type">What the column holds.</param>
    /// <param name="storeType">The database's own type name (for messages).</param>
    /// <param name="isNullable">Whether the column accepts NULL.</param>
    /// <param name="keyOrdinal">The column's 1-based position in the primary key, or 0 when it is not part of it.</param>
    /// <exception cref="ArgumentException">A name or store type is empty.</exception>
    public DataColumn(string name, DataType type, string storeType, bool isNullable, int keyOrdinal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(storeType);
        Name = name;
        Type = type;
        StoreType = storeType;
        IsNullable = isNullable;
        KeyOrdinal = keyOrdinal;
    }

    /// <summary>The column's name as the database spells it.</summary>
    public string Name { get; }

    /// <summary>What the column holds.</summary>
    public DataType Type { get; }

    /// <summary>The database's own type name.</summary>
    public string StoreType { get; }

    /// <summary>Whether the column accepts NULL.</summary>
    public bool IsNullable { get; }

    /// <summary>The column's 1-based position in the primary key, or 0 when it is not part of it.</summary>
    public int KeyOrdinal { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {StoreType}";
}
