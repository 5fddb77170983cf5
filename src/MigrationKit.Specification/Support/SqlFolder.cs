using System.Text;

namespace MigrationKit.Specification.Support;

/// <summary>A private temp folder of SQL migration files that a test writes, deleted on dispose.</summary>
internal sealed class SqlFolder : IDisposable
{
    public SqlFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "migrationkit-sql", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes (or rewrites) a file as UTF-8 without a byte order mark, unless <paramref name="bom"/>.</summary>
    public string Write(string fileName, string sql, bool bom = false)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, sql, new UTF8Encoding(bom));
        return path;
    }

    public void Delete(string fileName) => File.Delete(System.IO.Path.Combine(Path, fileName));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
