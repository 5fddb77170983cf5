using System.Globalization;
using System.Text;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Planning;
using MigrationKit.Providers;

namespace MigrationKit.PostgreSql;

/// <summary>
/// SQL for PostgreSQL. Store types are written exactly as <c>format_type</c> reports them, and defaults exactly as the
/// schema reader normalizes <c>pg_get_expr</c>, so that the schema read back after an operation equals the one
/// <see cref="MigrationSqlGenerator.Apply"/> predicts. Identifiers longer than PostgreSQL's 63-byte limit are refused
/// rather than silently truncated by the server.
/// </summary>
internal sealed class PostgreSqlSqlGenerator : MigrationSqlGenerator
{
    /// <summary>Initializes the generator.</summary>
    public PostgreSqlSqlGenerator()
        : base("postgresql")
    {
    }

    /// <inheritdoc />
    protected override string CurrentTimestampSql => "now()";

    /// <summary>Maps a provider-neutral type to the name <c>format_type</c> gives it.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The store type.</returns>
    /// <exception cref="NotSupportedException">The type kind is unknown.</exception>
    public override string StoreType(ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            ColumnTypeKind.Int16 => "smallint",
            ColumnTypeKind.Int32 => "integer",
            ColumnTypeKind.Int64 => "bigint",
            ColumnTypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"numeric({type.Precision},{type.Scale})"),
            ColumnTypeKind.Double => "double precision",
            ColumnTypeKind.String => string.Create(CultureInfo.InvariantCulture, $"character varying({type.Length})"),
            ColumnTypeKind.Text => "text",
            ColumnTypeKind.Boolean => "boolean",
            ColumnTypeKind.Date => "date",
            ColumnTypeKind.DateTime => "timestamp without time zone",
            ColumnTypeKind.DateTimeOffset => "timestamp with time zone",
            ColumnTypeKind.Guid => "uuid",
            ColumnTypeKind.Binary => "bytea", // PostgreSQL has no bounded binary type: the length is not enforced.
            ColumnTypeKind.Json => "jsonb",
            ColumnTypeKind.Custom => type.StoreType!,
            _ => throw new NotSupportedException($"The postgresql provider has no store type for {type}."),
        };
    }

    /// <summary>Quotes an identifier, refusing one that PostgreSQL would truncate.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <returns>The quoted identifier.</returns>
    /// <exception cref="ArgumentException">The identifier is longer than 63 bytes in UTF-8.</exception>
    public override string QuoteIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        CheckLength(identifier);
        return base.QuoteIdentifier(identifier);
    }

    /// <summary>
    /// Writes a constant as <c>pg_get_expr</c> shows it back: booleans as <c>true</c>/<c>false</c>, a date and time with
    /// offset as the same instant in UTC (<c>'2026-01-01 08:00:00+00'</c>, as a session whose time zone is UTC prints it),
    /// bytes as lower-case hex.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The literal.</returns>
    public override string Literal(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTimeOffset d => base.Literal(d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "+00"),
        _ => base.Literal(value),
    };

    /// <summary>Refuses identifiers that PostgreSQL would silently truncate to 63 bytes.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <exception cref="ArgumentException">The identifier is too long.</exception>
    internal static void CheckLength(string identifier)
    {
        var bytes = Encoding.UTF8.GetByteCount(identifier);
        if (bytes > PostgreSqlMigrationOptions.MaxIdentifierBytes)
        {
            throw new ArgumentException(
                $"The identifier '{identifier}' is {bytes} bytes long in UTF-8, but PostgreSQL keeps at most {PostgreSqlMigrationOptions.MaxIdentifierBytes} bytes and would silently truncate it (so two long names could collide). Choose a shorter name.",
                nameof(identifier));
        }
    }

    /// <summary>
    /// Generates an operation's statements. A column change consults the current schema so that it only touches what
    /// differs: a nullability change does not rewrite the table with a needless <c>ALTER COLUMN … TYPE</c>. Raw SQL
    /// goes as written, without the psql-only <c>\restrict</c> / <c>\unrestrict</c> lines of a pg_dump script.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="context">The schema just before the operation.</param>
    /// <param name="cancellationToken">Cancels generation.</param>
    /// <returns>The statements, in order.</returns>
    /// <exception cref="PsqlMetaCommandException">Raw SQL holds another psql meta-command (<c>\connect</c>, <c>\set</c>, <c>\.</c> …).</exception>
    public override async ValueTask<IReadOnlyList<string>> GenerateAsync(MigrationOperation operation, IMigrationSchemaContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (operation is SqlOperation raw)
        {
            // pg_dump's \restrict / \unrestrict lines are skipped as psql skips them; other meta-commands are refused.
            return [PsqlMetaCommands.Prepare(raw.SqlFor(ProviderName))];
        }

        if (operation is not AlterColumnOperation alter)
        {
            return Generate(operation);
        }

        var schema = await context.GetCurrentSchemaAsync(cancellationToken).ConfigureAwait(false);
        var current = schema.FindTable(alter.Table)?.FindColumn(alter.Column.Name);
        var sql = new List<string>();
        AlterColumn(alter, current, sql);
        return sql;
    }

    /// <summary>
    /// Describes a statement with the PostgreSQL lock mode it takes and whether it rewrites the table: an
    /// <c>ALTER COLUMN … TYPE</c> is counted as a rewrite (it is one unless the types are binary-compatible, which only
    /// the server knows); <c>CONCURRENTLY</c> index statements take the weaker lock and run outside a transaction.
    /// </summary>
    /// <param name="operation">The operation the statement came from.</param>
    /// <param name="sql">The statement.</param>
    /// <returns>The command.</returns>
    protected override MigrationCommand DescribeCommand(MigrationOperation operation, string sql)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(sql);
        return base.DescribeCommand(operation, sql) with
        {
            LockLevel = operation.Accept(PostgreSqlLockLevels.Instance),
            RewritesTable = operation is AlterColumnOperation && sql.Contains(" TYPE ", StringComparison.Ordinal),
        };
    }

    /// <summary>
    /// Generates the commands as the base does, then marks a column type change that PostgreSQL makes without touching
    /// the rows (a wider <c>varchar</c>, <c>varchar</c> to <c>text</c>, a wider <c>numeric</c> precision at the same
    /// scale) as not rewriting the table.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="context">The schema just before the operation.</param>
    /// <param name="cancellationToken">Cancels generation.</param>
    /// <returns>The commands, in order.</returns>
    public override async ValueTask<IReadOnlyList<MigrationCommand>> GenerateCommandsAsync(MigrationOperation operation, IMigrationSchemaContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var current = operation is AlterColumnOperation alter
            ? (await context.GetCurrentSchemaAsync(cancellationToken).ConfigureAwait(false)).FindTable(alter.Table)?.FindColumn(alter.Column.Name)
            : null;
        var commands = await base.GenerateCommandsAsync(operation, context, cancellationToken).ConfigureAwait(false);
        return operation is AlterColumnOperation changed && current is not null && !TypeChangeRewrites(current.StoreType, StoreType(changed.Column.Type))
            ? commands.Select(c => c with { RewritesTable = false }).ToArray()
            : commands;
    }

    /// <summary>Whether a column of <paramref name="storeType"/> has a collation: the built-in character types (and arrays of them).</summary>
    internal static bool IsCollatable(string storeType)
    {
        var (baseType, _) = Split(storeType.Replace("[]", string.Empty, StringComparison.Ordinal));
        return baseType is "text" or "character varying" or "varchar" or "character" or "char" or "bpchar" or "citext" or "name";
    }

    /// <summary>Whether changing a column from <paramref name="from"/> to <paramref name="to"/> rewrites the table (conservatively true when unsure).</summary>
    internal static bool TypeChangeRewrites(string from, string to)
    {
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var (fromBase, fromArgs) = Split(from);
        var (toBase, toArgs) = Split(to);
        if (fromBase == "character varying" && (toBase == "text" || (toBase == "character varying" && (toArgs.Length == 0 || (fromArgs.Length == 1 && toArgs[0] >= fromArgs[0])))))
        {
            return false;
        }

        return !(fromBase == "numeric" && toBase == "numeric" && fromArgs.Length == 2 && toArgs.Length == 2 && toArgs[1] == fromArgs[1] && toArgs[0] >= fromArgs[0]);
    }

    private static (string Base, int[] Arguments) Split(string type)
    {
        var open = type.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !type.EndsWith(')'))
        {
            return (type.Trim().ToLowerInvariant(), []);
        }

        var arguments = type[(open + 1)..^1].Split(',').Select(a => int.TryParse(a.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        return (type[..open].Trim().ToLowerInvariant(), arguments);
    }

    /// <summary>Writes <c>CREATE TABLE</c>, checking the table's own name first so that a too-long name is reported as such.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The statement.</returns>
    /// <exception cref="ArgumentException">An identifier is longer than 63 bytes.</exception>
    protected override string CreateTableSql(CreateTableOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        _ = Quote(operation.Table);
        return base.CreateTableSql(operation);
    }

    /// <inheritdoc />
    protected override string BinaryLiteral(byte[] value) => "'\\x" + Convert.ToHexStringLower(value) + "'";

    /// <summary>
    /// Writes a column change without knowing the current column: drop the default (an old default may not convert to the
    /// new type), change the type with <c>USING column::type</c>, then nullability, identity and the new default.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="sql">Receives the statements.</param>
    protected override void AlterColumn(AlterColumnOperation operation, List<string> sql) => AlterColumn(operation, current: null, sql);

    private void AlterColumn(AlterColumnOperation operation, ColumnSchema? current, List<string> sql)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(sql);
        var column = operation.Column;
        var target = ToColumnSchema(column);
        var name = QuoteIdentifier(column.Name);
        var prefix = $"ALTER TABLE {Quote(operation.Table)} ALTER COLUMN {name}";
        var known = current is not null;
        var typeChanges = !known || !string.Equals(current!.StoreType, target.StoreType, StringComparison.OrdinalIgnoreCase);
        var defaultChanges = !known || !string.Equals(current!.DefaultSql, target.DefaultSql, StringComparison.Ordinal);
        bool? wasIdentity = current?.IsIdentity ?? operation.OldColumn?.IsIdentity; // null: unknown

        if (!column.IsIdentity && wasIdentity != false)
        {
            sql.Add($"{prefix} DROP IDENTITY IF EXISTS");
        }

        // An identity column has no default to drop; any other default is dropped before a type change, which would
        // otherwise have to convert it (and fail for a default of the old type).
        var mayHaveDefault = !(column.IsIdentity && wasIdentity != false);
        if (mayHaveDefault && (!known || (current!.DefaultSql is not null && (defaultChanges || typeChanges))))
        {
            sql.Add($"{prefix} DROP DEFAULT");
        }

        if (typeChanges)
        {
            // A type change otherwise resets the column to the new type's default collation: keep the one it had.
            var collate = current?.Collation is { } collation && IsCollatable(target.StoreType) ? " COLLATE " + QuoteIdentifier(collation) : string.Empty;
            sql.Add($"{prefix} TYPE {target.StoreType}{collate} USING {name}::{target.StoreType}");
        }

        if (!known || current!.IsNullable != target.IsNullable)
        {
            sql.Add(target.IsNullable ? $"{prefix} DROP NOT NULL" : $"{prefix} SET NOT NULL");
        }

        if (column.IsIdentity && wasIdentity == false)
        {
            sql.Add($"{prefix} ADD GENERATED BY DEFAULT AS IDENTITY");
        }

        if (target.DefaultSql is not null && (!known || defaultChanges || typeChanges))
        {
            sql.Add($"{prefix} SET DEFAULT {target.DefaultSql}");
        }
    }
}
