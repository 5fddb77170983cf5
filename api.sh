#!/bin/bash
# Regenerates PublicAPI.Unshipped.txt of a project from the RS0016 (missing) and RS0017 (gone) diagnostics of a build.
proj=$1
dir=$(dirname $proj)
out=$(dotnet build $proj -c Release --no-dependencies 2>&1)
echo "$out" | grep "error RS0016" | grep -o "Symbol '.*' is not part" | sed "s/^Symbol '//; s/' is not part$//" | sort -u > /tmp/api_add.txt
echo "$out" | grep "error RS0017" | grep -o "Symbol '.*' is part of the declared" | sed "s/^Symbol '//; s/' is part of the declared$//" | sort -u > /tmp/api_del.txt
grep -v '^#nullable' $dir/PublicAPI.Unshipped.txt | grep -vxF -f /tmp/api_del.txt > /tmp/api_keep.txt
cat /tmp/api_keep.txt /tmp/api_add.txt | sort -u > /tmp/api_new.txt
( echo '#nullable enable'; cat /tmp/api_new.txt ) > $dir/PublicAPI.Unshipped.txt
echo "added $(wc -l < /tmp/api_add.txt), removed $(wc -l < /tmp/api_del.txt)"
