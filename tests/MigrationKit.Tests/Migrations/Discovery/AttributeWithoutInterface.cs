namespace MigrationKit.Tests.Migrations.Discovery.AttributeWithoutInterface;

[Migration(8, "not a migration")]
internal sealed class NotAMigration;
