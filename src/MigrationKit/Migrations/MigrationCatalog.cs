using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Operations;
using MigrationKit.SqlFiles;

namespace MigrationKit;

/// <summary>
/// The migrations of one runner, sorted by version. Assembly scans, and the validated and sorted classes of each
/// configuration (its sources and added classes), are cached for the process; Up operations, checksums and Down
/// operations are computed at most once per migration, and only for migrations that are looked at; with
/// <see cref="MigrationKitOptions.ReuseRecordedMigrations"/>, the Up operations and checksum of a class built without
/// services, and the digests of the code's version prefixes, are computed once per process.
/// </summary>
internal sealed class MigrationCatalog
{
    private static readonly ConcurrentDictionary<Assembly, (Type Type, MigrationAttribute? Attribute)[]> Scans = new();

    // Up operations and checksums of migration classes built without services, shared by every runner of the process:
    // a runner started after the first one (every startup check after the first, every test fixture) records nothing.
    private static readonly ConcurrentDictionary<(Type Type, NamingConvention Naming), (IReadOnlyList<MigrationOperation> Operations, string Checksum)> RecordedUps = new();

    // The validated, sorted classes of each configuration of class migrations (no SQL files), shared by every runner of
    // the process: classes cannot change while it runs, so a runner built after the first validates and sorts nothing.
    private static readonly ConcurrentDictionary<ClassSetKey, ClassSet> ClassSets = new();

    private readonly ClassSet _set;
    private readonly ConcurrentDictionary<long, (IReadOnlyList<MigrationOperation> Operations, string Checksum)> _up = new();
    private readonly ConcurrentDictionary<long, IReadOnlyList<MigrationOperation>> _down = new();
    private readonly NamingConvention _naming;
    private readonly IServiceProvider? _services;
    private readonly bool _reuseAcrossRunners;

    private MigrationCatalog(ClassSet set, IReadOnlyList<RepeatableMigration> repeatables, NamingConvention naming, IServiceProvider? services, bool reuseAcrossRunners)
    {
        _reuseAcrossRunners = reuseAcrossRunners;
        _set = set;
        Repeatables = repeatables;
        _naming = naming;
        _services = services;
    }

    public IReadOnlyList<MigrationDescriptor> Migrations => _set.Migrations;

    /// <summary>What the runner lists of each migration, in version order.</summary>
    public IReadOnlyList<MigrationInfo> Infos => _set.Infos;

    /// <summary>The repeatable SQL-file migrations, in the order they run (by name).</summary>
    public IReadOnlyList<RepeatableMigration> Repeatables { get; }

    /// <summary>The highest version in the code, 0 when there is none.</summary>
    public long LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    public static MigrationCatalog Create(IEnumerable<MigrationSource> sources, IEnumerable<Type> types, NamingConvention naming, IServiceProvider? services, bool reuseAcrossRunners = false) =>
        Create(sources, types, SqlMigrationSet.Empty, naming, services, reuseAcrossRunners);

    /// <summary>The catalog of migration classes and SQL files together: one version sequence, duplicates across both reported at once.</summary>
    public static MigrationCatalog Create(IEnumerable<MigrationSource> sources, IEnumerable<Type> types, SqlMigrationSet sqlFiles, NamingConvention naming, IServiceProvider? services, bool reuseAcrossRunners = false)
    {
        ArgumentNullException.ThrowIfNull(sqlFiles);
        var sourceList = sources.ToArray();
        var typeList = types.ToArray();

        // SQL files are read from disk for each runner (they may change while the process runs): not shared.
        var set = sqlFiles.Versioned.Count == 0
            ? ClassSets.GetOrAdd(new ClassSetKey(sourceList, typeList), static key => new ClassSet(Validate(key.Sources, key.Types, SqlMigrationSet.Empty)))
            : new ClassSet(Validate(sourceList, typeList, sqlFiles));
        return new MigrationCatalog(set, sqlFiles.Repeatables, naming, services, reuseAcrossRunners);
    }

    /// <summary>
    /// The digest of the code's migrations, with their code checksums, from the first up to each one: (last version,
    /// digest). Shared by every runner of the process over the same classes and naming convention when every checksum
    /// is itself shared (recorded once per process: <see cref="MigrationKitOptions.ReuseRecordedMigrations"/>, no SQL
    /// file, no class that needs services); computed for this catalog otherwise.
    /// </summary>
    public IReadOnlyList<(long Version, long Digest)> CodeDigests() =>
        _reuseAcrossRunners && _set.RecordedOncePerProcess
            ? _set.Digests.GetOrAdd(_naming, static (_, catalog) => catalog.ComputeCodeDigests(), this)
            : ComputeCodeDigests();

    private (long Version, long Digest)[] ComputeCodeDigests()
    {
        var prefixes = new (long Version, long Digest)[Migrations.Count + 1];
        var digest = History.AppliedSetDigest.Empty;
        prefixes[0] = (0, digest);
        for (var i = 0; i < Migrations.Count; i++)
        {
            var migration = Migrations[i];
            digest = History.AppliedSetDigest.Add(digest, migration.Version, GetChecksum(migration));
            prefixes[i + 1] = (migration.Version, digest);
        }

        return prefixes;
    }

    private static MigrationDescriptor[] Validate(MigrationSource[] sources, Type[] types, SqlMigrationSet sqlFiles)
    {
        var candidates = sources
            .SelectMany(source => Scans.GetOrAdd(source.Assembly, Scan).Where(c => source.Contains(c.Type)))
            .Concat(types.Select(t => (Type: t, Attribute: t.GetCustomAttribute<MigrationAttribute>())))
            .DistinctBy(c => c.Type)
            .ToList();

        var descriptors = new List<MigrationDescriptor>(candidates.Count);
        foreach (var (type, attribute) in candidates)
        {
            descriptors.Add(Validate(type, attribute));
        }

        descriptors.AddRange(sqlFiles.Versioned.Select(m => new MigrationDescriptor(m)));

        var duplicates = descriptors.GroupBy(d => d.Version).Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(d => d.Origin).Order(StringComparer.Ordinal).ToArray());
        if (duplicates.Count > 0)
        {
            throw new DuplicateMigrationVersionException(duplicates);
        }

        return descriptors.OrderBy(d => d.Version).ToArray();
    }

    public MigrationDescriptor? Find(long version) => _set.ByVersion.GetValueOrDefault(version);

    public IReadOnlyList<MigrationOperation> GetUp(MigrationDescriptor migration) => Compile(migration).Operations;

    public string GetChecksum(MigrationDescriptor migration) => Compile(migration).Checksum;

    public IReadOnlyList<MigrationOperation> GetDown(MigrationDescriptor migration) => _down.GetOrAdd(migration.Version, _ => Record(migration, down: true));

    private static (Type Type, MigrationAttribute? Attribute)[] Scan(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        return types
            .Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(IMigration).IsAssignableFrom(t) || t.IsDefined(typeof(MigrationAttribute), inherit: false)))
            .Select(t => (t!, t!.GetCustomAttribute<MigrationAttribute>()))
            .ToArray();
    }

    private static MigrationDescriptor Validate(Type type, MigrationAttribute? attribute)
    {
        // A type added with AddMigrations(...) may be neither attributed nor a migration: say which is wrong.
        if (!typeof(IMigration).IsAssignableFrom(type))
        {
            throw new InvalidMigrationException(attribute?.Version ?? 0, type.Name, $"Class {type.FullName} {(attribute is null ? "was added as a migration" : "has a [Migration] attribute")} but does not derive from Migration or implement IMigration. Derive it from MigrationKit.Migration.");
        }

        if (attribute is null)
        {
            throw new InvalidMigrationException(0, type.Name, $"Class {type.FullName} implements IMigration but has no [Migration(version, \"description\")] attribute. Add the attribute, or make the class abstract if it is a base class.");
        }

        if (attribute.Version <= 0)
        {
            throw new InvalidMigrationException(attribute.Version, type.Name, $"Migration {type.FullName} has version {attribute.Version}; versions must be positive. Use a timestamp such as 202611221030.");
        }

        if (string.IsNullOrWhiteSpace(attribute.Description))
        {
            throw new InvalidMigrationException(attribute.Version, type.Name, $"Migration {attribute.Version} ({type.FullName}) has an empty description. Say in a few words what it does.");
        }

        return new MigrationDescriptor(type, attribute);
    }

    private (IReadOnlyList<MigrationOperation> Operations, string Checksum) Compile(MigrationDescriptor migration) =>
        _up.GetOrAdd(migration.Version, _ => !_reuseAcrossRunners || migration.Instance is not null ? RecordUp(migration)
            // Found: the class was recorded by an earlier runner (so it needs no services). The constructor check, by
            // reflection, runs only for a class not recorded yet.
            : RecordedUps.TryGetValue((migration.Type, _naming), out var recorded) ? recorded
            : NeedsServices(migration.Type) ? RecordUp(migration)
            : RecordedUps.GetOrAdd((migration.Type, _naming), _ => RecordUp(migration)));

    private (IReadOnlyList<MigrationOperation> Operations, string Checksum) RecordUp(MigrationDescriptor migration)
    {
        var operations = Record(migration, down: false);
        return (operations, MigrationChecksum.Compute(operations));
    }

    // A class whose constructor takes services may record a different Up with other services (a tenant's schema, say),
    // so it is recorded per runner.
    private static bool NeedsServices(Type type) => type.GetConstructors().All(c => c.GetParameters().Length > 0);

    private IReadOnlyList<MigrationOperation> Record(MigrationDescriptor migration, bool down)
    {
        IMigration instance;
        try
        {
            instance = migration.Instance ?? (IMigration)(_services is null ? Activator.CreateInstance(migration.Type)! : ActivatorUtilities.CreateInstance(_services, migration.Type));
        }
        catch (Exception e) when (e is MissingMethodException or InvalidOperationException or TargetInvocationException)
        {
            throw new InvalidMigrationException(migration.Version, migration.Info.Name, $"Migration {migration} could not be created: {(e.InnerException ?? e).Message} Give it a public constructor whose parameters the service container can supply.", e);
        }

        var builder = new MigrationBuilder(_naming);
        try
        {
            if (down)
            {
                instance.Down(builder);
            }
            else
            {
                instance.Up(builder);
            }

            var operations = builder.Operations;
            if (migration.Transaction == MigrationTransactionMode.Transactional && operations.FirstOrDefault(o => o.RequiresNoTransaction) is { } outside)
            {
                throw new InvalidMigrationException(migration.Version, migration.Info.Name, $"Migration {migration} contains '{outside.Describe()}', which cannot run inside a transaction. Mark the migration [Migration(..., Transaction = MigrationTransactionMode.None)] and keep such statements in a migration of their own.");
            }

            return operations;
        }
        catch (IrreversibleMigrationException e) when (e.Version == 0)
        {
            throw new IrreversibleMigrationException(migration.Version, migration.Info.Name, e.Operation);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            throw new InvalidMigrationException(migration.Version, migration.Info.Name, $"Migration {migration} declares an invalid {(down ? "Down" : "Up")}: {e.Message} Correct the declaration in {migration.Info.Name}{(migration.Instance is SqlFileMigration ? string.Empty : down ? ".Down" : ".Up")}.", e);
        }
    }

    /// <summary>A configuration's sources and added classes, compared element by element.</summary>
    private sealed class ClassSetKey(MigrationSource[] sources, Type[] types) : IEquatable<ClassSetKey>
    {
        public MigrationSource[] Sources { get; } = sources;

        public Type[] Types { get; } = types;

        public bool Equals(ClassSetKey? other) =>
            other is not null && Sources.AsSpan().SequenceEqual(other.Sources) && Types.AsSpan().SequenceEqual(other.Types);

        public override bool Equals(object? obj) => Equals(obj as ClassSetKey);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var source in Sources)
            {
                hash.Add(source);
            }

            foreach (var type in Types)
            {
                hash.Add(type);
            }

            return hash.ToHashCode();
        }
    }

    /// <summary>The validated migrations of one configuration, sorted by version, and what is computed once from them.</summary>
    private sealed class ClassSet
    {
        public ClassSet(MigrationDescriptor[] migrations)
        {
            Migrations = migrations;
            ByVersion = migrations.ToDictionary(m => m.Version);
            Infos = Array.ConvertAll(migrations, m => m.Info);
            RecordedOncePerProcess = Array.TrueForAll(migrations, m => m.Instance is null && !NeedsServices(m.Type));
        }

        public MigrationDescriptor[] Migrations { get; }

        public Dictionary<long, MigrationDescriptor> ByVersion { get; }

        public MigrationInfo[] Infos { get; }

        /// <summary>Whether, with reuse on, every class's Up and checksum are recorded once per process (none needs services).</summary>
        public bool RecordedOncePerProcess { get; }

        /// <summary>The code's prefix digests per naming convention (which changes the checksums).</summary>
        public ConcurrentDictionary<NamingConvention, (long Version, long Digest)[]> Digests { get; } = new();
    }
}
