using MigrationKit.Data.Conversion;

namespace MigrationKit.Data.Preview;

/// <summary>
/// Counts distinct values in constant memory: keeps the k smallest 64-bit hashes seen (k minimum values); exact while
/// fewer than k distinct values were seen, else (k − 1) / (the k-th smallest hash as a fraction of 2^64).
/// </summary>
internal sealed class DistinctEstimator
{
    private const int K = 1024;
    private readonly SortedSet<ulong> _smallest = [];

    public void Add(object value)
    {
        var hash = Hash(value);
        if (_smallest.Count < K)
        {
            _smallest.Add(hash);
        }
        else if (hash < _smallest.Max && _smallest.Add(hash))
        {
            _smallest.Remove(_smallest.Max);
        }
    }

    public long Estimate => _smallest.Count < K ? _smallest.Count : (long)((K - 1) / (_smallest.Max / 18446744073709551616.0));

    private static ulong Hash(object value)
    {
        // FNV-1a over the value's kind and text, then a 64-bit finalizer so that the hashes spread evenly.
        var hash = 14695981039346656037UL;
        foreach (var c in value.GetType().Name + "\u0001" + (value is byte[] bytes ? Convert.ToHexString(bytes) : ValueConverter.Describe(value)))
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        return hash ^ (hash >> 33);
    }
}
