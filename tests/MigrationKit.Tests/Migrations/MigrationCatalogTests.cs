using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Operations;
using MigrationKit.Tests.Migrations.Discovery.Injected;
using MigrationKit.Tests.Migrations.Discovery.Lazy;
using MigrationKit.Tests.Migrations.Discovery.Reused;

namespace MigrationKit.Tests.Migrations;

public class MigrationCatalogTests
{
    private const string Discovery = "MigrationKit.Tests.Migrations.Discovery";

    private static MigrationSource Source(string scenario) => new(typeof(MigrationCatalogTests).Assembly, $"{Discovery}.{scenario}");

    private static MigrationCatalog Catalog(string scenario, NamingConvention? naming = null, IServiceProvider? services = null) =>
        MigrationCatalog.Create([Source(scenario)], [], naming ?? NamingConvention.Default, services);

    [Test]
    public void Create_Namespace_SortsByVersion()
    {
        Catalog("Sorted").Migrations.Select(m => m.Version).Should().Equal(10, 20, 30);
    }

    [Test]
    public void Create_Namespace_DescribesEachMigration()
    {
        Catalog("Sorted").Migrations.Select(m => m.Info).Should().Equal(
            new MigrationInfo(10, "first", "First", MigrationTransactionMode.None),
            new MigrationInfo(20, "second", "Second", MigrationTransactionMode.Transactional),
            new MigrationInfo(30, "third", "Third", MigrationTransactionMode.Transactional));
    }

    [Test]
    public void Create_Namespace_IncludesNestedNamespacesButNotSiblingsSharingThePrefix()
    {
        Catalog("Scoped").Migrations.Select(m => m.Type.Name).Should().Equal("Outer", "Inner");
    }

    [Test]
    public void Create_ExplicitTypes_OnlyThose()
    {
        var catalog = MigrationCatalog.Create([], [typeof(Discovery.Sorted.Second)], NamingConvention.Default, services: null);

        catalog.Migrations.Select(m => m.Version).Should().Equal(20);
    }

    [Test]
    public void Create_TypeAlsoFoundInSource_CountedOnce()
    {
        var catalog = MigrationCatalog.Create([Source("Sorted"), Source("Sorted")], [typeof(Discovery.Sorted.Second)], NamingConvention.Default, services: null);

        catalog.Migrations.Select(m => m.Version).Should().Equal(10, 20, 30);
    }

    [Test]
    public void Create_SeveralSources_MergedAndSorted()
    {
        var catalog = MigrationCatalog.Create([Source("Sorted"), Source("Scoped")], [], NamingConvention.Default, services: null);

        catalog.Migrations.Select(m => m.Version).Should().Equal(1, 2, 10, 20, 30);
    }

    [Test]
    public void Create_DuplicateVersions_ThrowsListingEveryDuplicateWithAllClasses()
    {
        var act = () => Catalog("Duplicates");

        var exception = act.Should().Throw<DuplicateMigrationVersionException>().Which;
        exception.Duplicates.Keys.Should().BeEquivalentTo([5L, 9L]);
        exception.Duplicates[5].Should().Equal($"{Discovery}.Duplicates.FiveA", $"{Discovery}.Duplicates.FiveB");
        exception.Duplicates[9].Should().Equal($"{Discovery}.Duplicates.NineA", $"{Discovery}.Duplicates.NineB", $"{Discovery}.Duplicates.NineC");
        exception.Message.Should().Be(
            "2 migration version(s) are declared more than once:\n" +
            $"  version 5: {Discovery}.Duplicates.FiveA, {Discovery}.Duplicates.FiveB\n" +
            $"  version 9: {Discovery}.Duplicates.NineA, {Discovery}.Duplicates.NineB, {Discovery}.Duplicates.NineC\n" +
            "Give each migration a unique version: in its [Migration] attribute for a class, in its V{version}__ prefix for a SQL file.");
    }

    [Test]
    public void Create_ZeroVersion_ThrowsNamingClassAndFix()
    {
        var act = () => Catalog("ZeroVersion");

        var exception = act.Should().Throw<InvalidMigrationException>()
            .WithMessage($"Migration {Discovery}.ZeroVersion.Zero has version 0; versions must be positive. Use a timestamp such as 202611221030.")
            .Which;
        exception.Version.Should().Be(0);
        exception.MigrationName.Should().Be("Zero");
    }

    [Test]
    public void Create_NegativeVersion_ThrowsNamingClassAndVersion()
    {
        var act = () => Catalog("NegativeVersion");

        var exception = act.Should().Throw<InvalidMigrationException>().WithMessage($"Migration {Discovery}.NegativeVersion.Negative has version -3; versions must be positive.*").Which;
        exception.Version.Should().Be(-3);
        exception.MigrationName.Should().Be("Negative");
    }

    [Test]
    public void Create_EmptyDescription_ThrowsNamingVersionClassAndFix()
    {
        var act = () => Catalog("EmptyDescription");

        var exception = act.Should().Throw<InvalidMigrationException>()
            .WithMessage($"Migration 4 ({Discovery}.EmptyDescription.Undescribed) has an empty description. Say in a few words what it does.")
            .Which;
        exception.Version.Should().Be(4);
    }

    [Test]
    public void Create_MigrationWithoutAttribute_ThrowsNamingClassAndFix()
    {
        var act = () => Catalog("MissingAttribute");

        var exception = act.Should().Throw<InvalidMigrationException>()
            .WithMessage($"Class {Discovery}.MissingAttribute.Unmarked implements IMigration but has no [Migration(version, \"description\")] attribute. Add the attribute, or make the class abstract if it is a base class.")
            .Which;
        exception.Version.Should().Be(0);
        exception.MigrationName.Should().Be("Unmarked");
    }

    [Test]
    public void Create_AttributeOnNonMigration_ThrowsNamingClassAndFix()
    {
        var act = () => Catalog("AttributeWithoutInterface");

        act.Should().Throw<InvalidMigrationException>()
            .WithMessage($"Class {Discovery}.AttributeWithoutInterface.NotAMigration has a [Migration] attribute but does not derive from Migration or implement IMigration.*")
            .Which.Version.Should().Be(8);
    }

    [Test]
    public void Create_ExplicitTypeThatIsNoMigration_ThrowsSayingItIsNotOne()
    {
        var act = () => MigrationCatalog.Create([], [typeof(Discovery.Sorted.Helper)], NamingConvention.Default, services: null);

        var exception = act.Should().Throw<InvalidMigrationException>()
            .WithMessage($"Class {Discovery}.Sorted.Helper was added as a migration but does not derive from Migration or implement IMigration. Derive it from MigrationKit.Migration.")
            .Which;
        exception.Version.Should().Be(0);
        exception.MigrationName.Should().Be("Helper");
    }

    [Test]
    public void Create_InvalidUp_DoesNotRunUp()
    {
        Catalog("InvalidUp").Migrations.Should().ContainSingle().Which.Version.Should().Be(11);
    }

    [Test]
    public void GetUp_UpThrowsArgumentException_WrapsItNamingVersion()
    {
        var catalog = Catalog("InvalidUp");

        var act = () => catalog.GetUp(catalog.Migrations[0]);

        var exception = act.Should().Throw<InvalidMigrationException>()
            .WithMessage("Migration 11 'creates an empty table' (EmptyTable) declares an invalid Up: Table 'empty' declares no columns.*")
            .Which;
        exception.Version.Should().Be(11);
        exception.MigrationName.Should().Be("EmptyTable");
        exception.InnerException.Should().BeOfType<ArgumentException>();
    }

    [Test]
    public void GetChecksum_UpThrowsArgumentException_WrapsItToo()
    {
        var catalog = Catalog("InvalidUp");

        var act = () => catalog.GetChecksum(catalog.Migrations[0]);

        act.Should().Throw<InvalidMigrationException>().Which.Version.Should().Be(11);
    }

    [Test]
    public void GetUp_Migration_RecordsItsOperationsWithCatalogNaming()
    {
        var catalog = Catalog("Sorted", new SuffixConvention());

        catalog.GetUp(catalog.Find(10)!).Should().BeEquivalentTo(
            new MigrationOperation[] { new CreateIndexOperation(new QualifiedName("first"), new IndexDefinition("first_a_idx", ["a"])) },
            o => o.RespectingRuntimeTypes());
    }

    [Test]
    public void GetChecksum_Migration_IsChecksumOfItsUp()
    {
        var catalog = Catalog("Sorted");
        var migration = catalog.Find(20)!;

        catalog.GetChecksum(migration).Should().Be(MigrationChecksum.Compute(catalog.GetUp(migration)));
    }

    [Test]
    public void GetChecksum_DifferentMigrations_Differ()
    {
        var catalog = Catalog("Sorted");

        catalog.GetChecksum(catalog.Find(20)!).Should().NotBe(catalog.GetChecksum(catalog.Find(30)!));
    }

    [Test]
    public void GetDown_ReversibleMigration_RecordsInverse()
    {
        var catalog = Catalog("Sorted");

        catalog.GetDown(catalog.Find(10)!).Should().Equal(new DropIndexOperation(new QualifiedName("first"), "ix_first_a"));
    }

    [Test]
    public void GetDown_IrreversibleMigration_ThrowsNamingVersionAndOperation()
    {
        var catalog = Catalog("Irreversible");

        var act = () => catalog.GetDown(catalog.Find(12)!);

        var exception = act.Should().Throw<IrreversibleMigrationException>().Which;
        exception.Version.Should().Be(12);
        exception.MigrationName.Should().Be("DropsColumn");
        exception.Operation.Should().Be("drop column users.email");
    }

    [Test]
    public void GetDown_HandWrittenDownWithoutVersion_GetsTheMigrationsVersion()
    {
        var catalog = Catalog("Irreversible");

        var act = () => catalog.GetDown(catalog.Find(13)!);

        var exception = act.Should().Throw<IrreversibleMigrationException>().Which;
        exception.Version.Should().Be(13);
        exception.MigrationName.Should().Be("HandWritten");
        exception.Message.Should().StartWith("Migration 13 (HandWritten) cannot be reverted");
    }

    [Test]
    public void Find_UnknownVersion_ReturnsNull()
    {
        Catalog("Sorted").Find(15).Should().BeNull();
    }

    [Test]
    public void Create_Migrations_NotInstantiatedUntilTheirUpIsNeeded()
    {
        var before = Counted.Instances;

        var catalog = Catalog("Lazy");
        var afterCreate = Counted.Instances;
        catalog.GetUp(catalog.Migrations[0]);
        catalog.GetUp(catalog.Migrations[0]);
        catalog.GetChecksum(catalog.Migrations[0]);

        afterCreate.Should().Be(before);
        Counted.Instances.Should().Be(before + 1);
    }

    [Test]
    [NonParallelizable]
    public void GetChecksum_ReusedAcrossRunners_RecordsEachClassOncePerProcess()
    {
        var services = new ServiceCollection().AddSingleton(new Tenant("tenant_a")).BuildServiceProvider();
        var first = MigrationCatalog.Create([Source("Reused")], [], NamingConvention.Default, services, reuseAcrossRunners: true);
        var firstChecksum = first.GetChecksum(first.Find(41)!);
        var instances = RecordedOnce.Instances;
        try
        {
            RecordedOnce.Column = "changed_in_process";
            var second = MigrationCatalog.Create([Source("Reused")], [], NamingConvention.Default, services, reuseAcrossRunners: true);

            second.GetChecksum(second.Find(41)!).Should().Be(firstChecksum, "the second runner reuses what the first recorded");
            RecordedOnce.Instances.Should().Be(instances, "no instance is created for a class already recorded in this process");
            var fresh = MigrationCatalog.Create([Source("Reused")], [], NamingConvention.Default, services, reuseAcrossRunners: false);
            fresh.GetChecksum(fresh.Find(41)!).Should().NotBe(firstChecksum, "without reuse the Up is recorded again and sees the change");
            var otherNaming = MigrationCatalog.Create([Source("Reused")], [], new NamingConvention(), services, reuseAcrossRunners: true);
            otherNaming.GetChecksum(otherNaming.Find(41)!).Should().NotBe(firstChecksum, "another naming convention records again");
        }
        finally
        {
            RecordedOnce.Column = "a";
            services.Dispose();
        }
    }

    [Test]
    public void CodeDigests_ReusedWithoutServices_SharedByEveryCatalogOfTheSameClassesAndNaming()
    {
        var first = MigrationCatalog.Create([Source("Sorted")], [], NamingConvention.Default, services: null, reuseAcrossRunners: true);
        var second = MigrationCatalog.Create([Source("Sorted")], [], NamingConvention.Default, services: null, reuseAcrossRunners: true);
        var fresh = MigrationCatalog.Create([Source("Sorted")], [], NamingConvention.Default, services: null, reuseAcrossRunners: false);

        second.CodeDigests().Should().BeSameAs(first.CodeDigests(), "a later runner over the same classes computes nothing");
        fresh.CodeDigests().Should().NotBeSameAs(first.CodeDigests(), "without reuse every runner records its own").And.Equal(first.CodeDigests());
        first.CodeDigests().Select(p => p.Version).Should().Equal(0, 10, 20, 30);
    }

    [Test]
    public void CodeDigests_NamingThatChangesTheUp_NotSharedWithTheDefaultNaming()
    {
        var byDefault = MigrationCatalog.Create([Source("Sorted")], [], NamingConvention.Default, services: null, reuseAcrossRunners: true);
        var prefixed = MigrationCatalog.Create([Source("Sorted")], [], new PrefixedIndexNaming(), services: null, reuseAcrossRunners: true);

        // Version 10 creates an index the naming convention names, so its checksum, and every prefix from it, differ.
        prefixed.CodeDigests()[1].Digest.Should().NotBe(byDefault.CodeDigests()[1].Digest);
        prefixed.CodeDigests()[0].Should().Be(byDefault.CodeDigests()[0]);
    }

    [Test]
    public void CodeDigests_ReusedButConstructorNeedsService_ComputedPerRunner()
    {
        using var tenantA = new ServiceCollection().AddSingleton(new Tenant("tenant_a")).BuildServiceProvider();
        using var tenantB = new ServiceCollection().AddSingleton(new Tenant("tenant_b")).BuildServiceProvider();
        var first = MigrationCatalog.Create([Source("Reused")], [], NamingConvention.Default, tenantA, reuseAcrossRunners: true);
        var second = MigrationCatalog.Create([Source("Reused")], [], NamingConvention.Default, tenantB, reuseAcrossRunners: true);

        // Version 42's Up names the tenant's table: the last prefix is each tenant's own.
        second.CodeDigests()[^1].Digest.Should().NotBe(first.CodeDigests()[^1].Digest);
        second.CodeDigests()[1].Should().Be(first.CodeDigests()[1]);
    }

    [Test]
    public void GetUp_ReusedButConstructorNeedsService_RecordedPerRunner()
    {
        using var tenantA = new ServiceCollection().AddSingleton(new Tenant("tenant_a")).BuildServiceProvider();
        using var tenantB = new ServiceCollection().AddSingleton(new Tenant("tenant_b")).BuildServiceProvider();
        var first = MigrationCatalog.Create([Source("Reused")], [], NamingConvention.Default, tenantA, reuseAcrossRunners: true);
        var second = MigrationCatalog.Create([Source("Reused")], [], NamingConvention.Default, tenantB, reuseAcrossRunners: true);

        first.GetUp(first.Find(42)!).Should().Equal(new DropTableOperation(new QualifiedName("tenant_a")));
        second.GetUp(second.Find(42)!).Should().Equal(new DropTableOperation(new QualifiedName("tenant_b")));
    }

    [Test]
    public void GetUp_ConstructorNeedsService_CreatedFromServiceProvider()
    {
        using var services = new ServiceCollection().AddSingleton(new TableNames("audit_log")).BuildServiceProvider();
        var catalog = Catalog("Injected", services: services);

        catalog.GetUp(catalog.Migrations[0]).Should().Equal(new DropTableOperation(new QualifiedName("audit_log")));
    }

    [Test]
    public void GetUp_ConstructorNeedsServiceWithoutProvider_ThrowsNamingMigrationAndFix()
    {
        var catalog = Catalog("Injected");

        var act = () => catalog.GetUp(catalog.Migrations[0]);

        var exception = act.Should().Throw<InvalidMigrationException>()
            .WithMessage("Migration 31 'needs a service' (NeedsService) could not be created: *Give it a public constructor whose parameters the service container can supply.")
            .Which;
        exception.Version.Should().Be(31);
        exception.InnerException.Should().BeOfType<MissingMethodException>();
    }

    [Test]
    public void GetUp_ServiceMissingFromProvider_ThrowsNamingMigration()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var catalog = Catalog("Injected", services: services);

        var act = () => catalog.GetUp(catalog.Migrations[0]);

        act.Should().Throw<InvalidMigrationException>().WithMessage("Migration 31 'needs a service' (NeedsService) could not be created:*TableNames*");
    }

    private sealed class SuffixConvention : NamingConvention
    {
        public override string Index(string table, IReadOnlyList<string> columns) => $"{table}_{string.Join('_', columns)}_idx";
    }

    private sealed class PrefixedIndexNaming : NamingConvention
    {
        public override string Index(string table, IReadOnlyList<string> columns) => "idx_" + base.Index(table, columns);
    }
}
