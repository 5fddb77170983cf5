using System.Globalization;

namespace MigrationKit.Operations;

/// <summary>A provider-neutral column type, mapped to a store type by each provider's SQL generator.</summary>
public sealed record ColumnType
{
    private ColumnType(ColumnTypeKind kind, int? length = null, int? precision = null, int? scale = null, string? storeType = null)
    {
        Kind = kind;
        Length = length;
        Precision = precision;
        Scale = scale;
        StoreType = storeType;
    }

    /// <summary>The type's kind.</summary>
    public ColumnTypeKind Kind { get; }

    /// <summary>The maximum length, for <see cref="ColumnTypeKind.String"/> and <see cref="ColumnTypeKind.Binary"/>.</summary>
    public int? Length { get; }

    /// <summary>The precision, for <see cref="ColumnTypeKind.Decimal"/>.</summary>
    public int? Precision { get; }

    /// <summary>The scale, for <see cref="ColumnTypeKind.Decimal"/>.</summary>
    public int? Scale { get; }

    /// <summary>The verbatim store type, for <see cref="ColumnTypeKind.Custom"/>.</summary>
    public string? StoreType { get; }

    internal static ColumnType Of(ColumnTypeKind kind) => new(kind);

    internal static ColumnType String(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return new(ColumnTypeKind.String, length: length);
    }

    internal static ColumnType Binary(int? length)
    {
        if (length is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length.Value, nameof(length));
        }

        return new(ColumnTypeKind.Binary, length: length);
    }

    internal static ColumnType Decimal(int precision, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(precision);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, precision);
        return new(ColumnTypeKind.Decimal, precision: precision, scale: scale);
    }

    internal static ColumnType Custom(string storeType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storeType);
        return new(ColumnTypeKind.Custom, storeType: storeType);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ColumnTypeKind.String => string.Create(CultureInfo.InvariantCulture, $"String({Length})"),
        ColumnTypeKind.Binary when Length is not null => string.Create(CultureInfo.InvariantCulture, $"Binary({Length})"),
        ColumnTypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"Decimal({Precision},{Scale})"),
        ColumnTypeKind.Custom => $"Custom({StoreType})",
        _ => Kind.ToString(),
    };
}
