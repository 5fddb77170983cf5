namespace MigrationKit.PostgreSql.Tests.Running.PsqlMetaCommand
{
    [Migration(1, "Create a table, then switch databases as a psql script would")]
    public sealed class ConnectElsewhere : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.Sql("CREATE TABLE before_connect (id int);\n\\connect postgres\nCREATE TABLE after_connect (id int);");

        public override void Down(MigrationBuilder migration) => migration.Sql("DROP TABLE before_connect");
    }
}
