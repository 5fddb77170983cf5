#!/bin/bash
# Regenerates PublicAPI.Unshipped.txt of a project from the RS0016 diagnostics of a build.
proj=$1
dir=$(dirname $proj)
dotnet build $proj -c Release --no-dependencies 2>&1 | grep "error RS0016" | grep -o "Symbol '.*' is not part" | sed "s/^Symbol '//; s/' is not part$//" | sort -u > /tmp/api_add.txt
cat $dir/PublicAPI.Unshipped.txt /tmp/api_add.txt | grep -v '^#nullable' | sort -u > /tmp/api_new.txt
( echo '#nullable enable'; cat /tmp/api_new.txt ) > $dir/PublicAPI.Unshipped.txt
wc -l /tmp/api_add.txt
