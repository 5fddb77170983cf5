using MigrationKit.Checkpoints;

namespace MigrationKit.Tests.Checkpoints;

/// <summary>
/// The store's file handling, with a backup that copies a plain file (no database): temp name then rename, size and
/// SHA-256, metadata beside the file, refusal of damaged files, and ids that cannot leave the directory.
/// </summary>
public class CheckpointStoreTests
{
    private string _folder = string.Empty;
    private string _source = string.Empty;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "migrationkit-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _source = Path.Combine(_folder, "source.bin");
        File.WriteAllBytes(_source, Enumerable.Range(0, 5000).Select(i => (byte)(i % 251)).ToArray());
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task CreateAsync_WritesFileAndMetadata_NoTemporaryLeft()
    {
        var backup = new FileCopyBackup(_source);
        var store = Store(backup);

        var checkpoint = await store.CreateAsync(7, CheckpointLevel.Full, CheckpointKind.Routine, "test", CancellationToken.None);

        checkpoint.SizeBytes.Should().Be(5000);
        checkpoint.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_source))));
        checkpoint.FileName.Should().Be(checkpoint.Id + ".bin");
        backup.WrittenTo.Should().NotBe(store.FilePath(checkpoint), "the backup writes a temporary name that is renamed when complete");
        Directory.GetFiles(store.Directory).Select(Path.GetFileName).Should().BeEquivalentTo([checkpoint.FileName, checkpoint.Id + ".json"]);
        (await store.ListAsync(CancellationToken.None)).Should().Equal(checkpoint);
        await store.VerifyAsync(checkpoint, CancellationToken.None);
        backup.Verified.Should().Be(1);
    }

    [Test]
    public async Task CreateAsync_BackupFails_LeavesNothing()
    {
        var store = Store(new FileCopyBackup(_source) { Fail = true });

        await store.Invoking(s => s.CreateAsync(1, CheckpointLevel.Full, CheckpointKind.Routine, null, CancellationToken.None)).Should().ThrowAsync<CheckpointException>();

        Directory.Exists(store.Directory).Should().BeTrue();
        Directory.GetFiles(store.Directory).Should().BeEmpty();
    }

    [Test]
    public async Task VerifyAsync_ChangedFile_RefusedBeforeTheProviderIsAsked()
    {
        var backup = new FileCopyBackup(_source);
        var store = Store(backup);
        var checkpoint = await store.CreateAsync(1, CheckpointLevel.Full, CheckpointKind.Routine, null, CancellationToken.None);
        var bytes = File.ReadAllBytes(store.FilePath(checkpoint));
        bytes[10] ^= 1;
        File.WriteAllBytes(store.FilePath(checkpoint), bytes);

        (await store.Invoking(s => s.VerifyAsync(checkpoint, CancellationToken.None)).Should().ThrowAsync<CheckpointException>())
            .Which.Message.Should().Contain(checkpoint.Id).And.Contain("checksum");
        backup.Verified.Should().Be(0);
    }

    [Test]
    public async Task VerifyAsync_OtherProvidersCheckpoint_Refused()
    {
        var store = Store(new FileCopyBackup(_source));
        var checkpoint = await store.CreateAsync(1, CheckpointLevel.Full, CheckpointKind.Routine, null, CancellationToken.None);

        (await store.Invoking(s => s.VerifyAsync(checkpoint with { Provider = "postgresql" }, CancellationToken.None)).Should().ThrowAsync<CheckpointException>())
            .Which.Message.Should().Contain("postgresql");
    }

    [Test]
    public async Task ListAsync_IgnoresFilesThatAreNotMetadata()
    {
        var store = Store(new FileCopyBackup(_source));
        var checkpoint = await store.CreateAsync(1, CheckpointLevel.Full, CheckpointKind.Routine, null, CancellationToken.None);
        File.WriteAllText(Path.Combine(store.Directory, "notes.json"), "{ not json");

        (await store.ListAsync(CancellationToken.None)).Should().Equal(checkpoint);
    }

    [TestCase("../escape")]
    [TestCase("a/b")]
    [TestCase(" ")]
    public void ValidateId_PathLikeOrEmpty_Throws(string id)
    {
        FluentActions.Invoking(() => CheckpointStore.ValidateId(id)).Should().Throw<ArgumentException>();
    }

    private CheckpointStore Store(IDatabaseBackup backup) =>
        new(Path.Combine(_folder, "checkpoints"), backup, "test", new CheckpointOptions(), TimeProvider.System);

    /// <summary>A backup of a plain file: copies it; restore is not used by these tests.</summary>
    private sealed class FileCopyBackup(string source) : IDatabaseBackup
    {
        public bool Fail { get; init; }

        public string? WrittenTo { get; private set; }

        public int Verified { get; private set; }

        public string FileExtension => ".bin";

        public ValueTask<string> GetServerVersionAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult("1.0");

        public ValueTask BackupAsync(string filePath, CheckpointLevel level, CancellationToken cancellationToken = default)
        {
            WrittenTo = filePath;
            File.Copy(source, filePath);
            if (Fail)
            {
                throw new IOException("disk full");
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask VerifyAsync(string filePath, CancellationToken cancellationToken = default)
        {
            Verified++;
            return ValueTask.CompletedTask;
        }

        public ValueTask RestoreAsync(string filePath, CheckpointLevel level, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Not used by the store's tests.");
    }
}
