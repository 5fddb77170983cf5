using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MigrationKit.Inspection;

namespace MigrationKit.Specification.Support;

/// <summary>Per-table content checksums: SHA-256 over every row, ordered by every column, read on a fresh connection.</summary>
internal static class TableContent
{
    public static async Task<IReadOnlyDictionary<string, string>> ChecksumsAsync(ISpecificationDatabase database, DatabaseSchema schema)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var provider = database.CreateProvider();
        try
        {
            var connection = await provider.OpenConnectionAsync();
            try
            {
                foreach (var table in schema.Tables)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT * FROM \"{table.Name.Name}\" ORDER BY {string.Join(", ", Enumerable.Range(1, table.Columns.Count))}";
                    await using var reader = await command.ExecuteReaderAsync();
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    var rows = 0;
                    while (await reader.ReadAsync())
                    {
                        rows++;
                        var row = new StringBuilder();
                        for (var i = 0; i < reader.FieldCount; i++)
                        {
                            row.Append(reader.GetName(i)).Append('=').Append(Text(reader.GetValue(i))).Append('\u001f');
                        }

                        hash.AppendData(Encoding.UTF8.GetBytes(row.Append('\n').ToString()));
                    }

                    result[table.Name.Name] = string.Create(CultureInfo.InvariantCulture, $"{rows} rows, {Convert.ToHexStringLower(hash.GetHashAndReset())}");
                }
            }
            finally
            {
                await provider.ReleaseConnectionAsync(connection);
            }
        }
        finally
        {
            switch (provider)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        return result;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
