using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace MigrationKit.Checkpoints;

/// <summary>
/// The file-format-neutral half of checkpoints: ids, the directory, temp-then-rename writes, size and SHA-256,
/// the JSON metadata beside each file, listing, verification, deletion and retention. The provider's
/// <see cref="IDatabaseBackup"/> writes, checks and restores the backup file itself.
/// </summary>
internal sealed class CheckpointStore
{
    private const string MetadataExtension = ".json";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly IDatabaseBackup _backup;
    private readonly string _providerName;
    private readonly CheckpointOptions _options;
    private readonly TimeProvider _time;

    public CheckpointStore(string directory, IDatabaseBackup backup, string providerName, CheckpointOptions options, TimeProvider time)
    {
        Directory = Path.GetFullPath(directory);
        _backup = backup;
        _providerName = providerName;
        _options = options;
        _time = time;
    }

    public string Directory { get; }

    public IDatabaseBackup Backup => _backup;

    /// <summary>Whether <paramref name="checkpoint"/> has outlived its kind's retention at <paramref name="now"/>.</summary>
    public static bool IsExpired(Checkpoint checkpoint, CheckpointOptions options, DateTimeOffset now) =>
        options.RetentionOf(checkpoint.Kind) is { } keep && now - checkpoint.CreatedAt >= keep;

    public async Task<Checkpoint> CreateAsync(long version, CheckpointLevel level, CheckpointKind kind, string? description, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        var fileName = id + _backup.FileExtension;
        var filePath = Path.Combine(Directory, fileName);
        var partialPath = Path.Combine(Directory, id + ".partial" + _backup.FileExtension);
        EnsureDirectory();
        try
        {
            await _backup.BackupAsync(partialPath, level, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(partialPath))
            {
                throw new CheckpointException($"The {_providerName} backup reported success but wrote no file at '{partialPath}'. This is a provider bug; no checkpoint was recorded.");
            }

            RestrictToOwner(partialPath);
            var (size, sha256) = await HashAsync(partialPath, cancellationToken).ConfigureAwait(false);
            var serverVersion = await _backup.GetServerVersionAsync(cancellationToken).ConfigureAwait(false);
            var checkpoint = new Checkpoint(id, version, now, level, kind, size, sha256, _providerName, serverVersion, fileName) { Description = description };
            File.Move(partialPath, filePath);
            await WriteMetadataAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            return checkpoint;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(partialPath);
            TryDelete(filePath);
            throw new CheckpointException($"Could not write checkpoint '{id}' into '{Directory}': {e.Message} Check that the checkpoint directory exists, is writable and has free space.", e);
        }
        catch
        {
            TryDelete(partialPath);
            TryDelete(filePath);
            throw;
        }
    }

    public async Task<IReadOnlyList<Checkpoint>> ListAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var checkpoints = new List<Checkpoint>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + MetadataExtension))
        {
            if (await TryReadMetadataAsync(path, cancellationToken).ConfigureAwait(false) is { } checkpoint)
            {
                checkpoints.Add(checkpoint);
            }
        }

        return checkpoints.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToArray();
    }

    public async Task<Checkpoint> GetAsync(string id, CancellationToken cancellationToken)
    {
        ValidateId(id);
        var path = Path.Combine(Directory, id + MetadataExtension);
        return await TryReadMetadataAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new CheckpointException($"There is no checkpoint '{id}' in '{Directory}' (no readable '{id}{MetadataExtension}'). List the checkpoints (ListCheckpointsAsync) and pass one of their ids.");
    }

    /// <summary>Checks the file is there, has its recorded size and SHA-256, and that the provider can read it.</summary>
    public async Task VerifyAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        if (!string.Equals(checkpoint.Provider, _providerName, StringComparison.Ordinal))
        {
            throw new CheckpointException($"{checkpoint} was taken by the {checkpoint.Provider} provider and cannot be used with {_providerName}. Use a checkpoint of this database.");
        }

        var path = FilePath(checkpoint);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new CheckpointException($"The file of {checkpoint} is missing: '{path}' does not exist. The database was not touched. Copy the file back from where it was moved, or choose another checkpoint.");
        }

        if (file.Length != checkpoint.SizeBytes)
        {
            throw new CheckpointException($"The file of {checkpoint} is {(file.Length < checkpoint.SizeBytes ? "truncated" : "longer than recorded")}: '{path}' has {file.Length} bytes, {checkpoint.SizeBytes} were written. The database was not touched. Choose another checkpoint, or copy an intact copy of the file back.");
        }

        var (_, sha256) = await HashAsync(path, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(sha256, checkpoint.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new CheckpointException($"The file of {checkpoint} fails its checksum: '{path}' has SHA-256 {sha256}, {checkpoint.Sha256} was recorded, so it was damaged or changed after it was written. The database was not touched. Choose another checkpoint.");
        }

        try
        {
            await _backup.VerifyAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointException e)
        {
            throw new CheckpointException($"The file of {checkpoint} is not a sound {_providerName} backup: {e.Message} The database was not touched. Choose another checkpoint.", e);
        }
    }

    public string FilePath(Checkpoint checkpoint) => Path.Combine(Directory, checkpoint.FileName);

    public Task DeleteAsync(Checkpoint checkpoint)
    {
        // Metadata first: a crash in between leaves an unlisted file, never a listed checkpoint without its file.
        File.Delete(Path.Combine(Directory, checkpoint.Id + MetadataExtension));
        File.Delete(FilePath(checkpoint));
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<Checkpoint>> PruneAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var pruned = new List<Checkpoint>();
        foreach (var checkpoint in await ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (IsExpired(checkpoint, _options, now))
            {
                await DeleteAsync(checkpoint).ConfigureAwait(false);
                pruned.Add(checkpoint);
            }
        }

        return pruned;
    }

    public static void ValidateId(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.Contains("..", StringComparison.Ordinal) || id.Contains('/', StringComparison.Ordinal) || id.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{id}' is not a checkpoint id: ids are file names without folders. List the checkpoints (ListCheckpointsAsync) and pass one of their ids.", nameof(id));
        }
    }

    public static string Serialize(Checkpoint checkpoint) => JsonSerializer.Serialize(checkpoint, CheckpointJsonContext.Default.Checkpoint);

    public static Checkpoint? Deserialize(string json) => JsonSerializer.Deserialize(json, CheckpointJsonContext.Default.Checkpoint);

    private static async Task<(long Size, string Sha256)> HashAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return (stream.Length, Convert.ToHexStringLower(hash));
        }
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover partial file is never listed (it has no metadata).
        }
    }

    private static async Task<Checkpoint?> TryReadMetadataAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException)
        {
            // Not a checkpoint's metadata (or damaged): not listed.
            return null;
        }
    }

    private void EnsureDirectory()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyFolder);
        }
    }

    private async Task WriteMetadataAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, checkpoint.Id + MetadataExtension);
        var partial = path + ".partial";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var stream = new FileStream(partial, options);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new StreamWriter(stream);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteAsync(Serialize(checkpoint).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        File.Move(partial, path);
    }
}
