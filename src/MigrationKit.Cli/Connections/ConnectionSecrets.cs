using System.Data.Common;
using System.Text.RegularExpressions;

namespace MigrationKit.Cli.Connections;

/// <summary>
/// The secrets of a connection string (its password, and the whole string itself), masked out of every line the tool
/// writes: messages, exceptions, tables, JSON and logs.
/// </summary>
internal sealed partial class ConnectionSecrets
{
    public const string Mask = "***";

    private static readonly string[] PasswordKeys = ["password", "pwd"];

    private readonly string[] _secrets;

    private ConnectionSecrets(IEnumerable<string> secrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        _secrets = secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
    }

    public static ConnectionSecrets None { get; } = new([]);

    public static ConnectionSecrets Of(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return None;
        }

        var secrets = new List<string>();
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in PasswordKeys)
            {
                if (builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } password)
                {
                    secrets.Add(password);
                }
            }
        }
        catch (ArgumentException)
        {
            // Malformed: take what follows each password key up to the next ';'.
        }

        secrets.AddRange(PasswordPattern().Matches(connectionString).Select(m => m.Groups["value"].Value.Trim().Trim('\'', '"')));
        if (secrets.Count > 0)
        {
            // The whole string too: a driver that echoes it must not leak the password inside it.
            secrets.Add(connectionString);
        }

        return new ConnectionSecrets(secrets);
    }

    /// <summary>The secrets of several connection strings together (a fleet run's targets).</summary>
    public static ConnectionSecrets OfAll(IEnumerable<string> connectionStrings) =>
        new(connectionStrings.SelectMany(c => Of(c)._secrets));

    /// <summary>The text with every secret replaced by <see cref="Mask"/>.</summary>
    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The connection string as it may be shown: the password replaced by <see cref="Mask"/>.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            if (!PasswordKeys.Any(builder.ContainsKey))
            {
                return connectionString;
            }

            foreach (var key in PasswordKeys)
            {
                if (builder.ContainsKey(key))
                {
                    builder[key] = Mask;
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return PasswordPattern().Replace(connectionString, m => m.Value[..(m.Groups["value"].Index - m.Index)] + Mask);
        }
    }

    [GeneratedRegex(@"(?:password|pwd)\s*=\s*(?<value>[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPattern();
}
