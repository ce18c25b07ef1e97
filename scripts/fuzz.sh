#!/usr/bin/env bash
# Runs every `func FuzzXxx` in the module for $FUZZTIME each (default 5s).
set -euo pipefail
cd "$(dirname "$0")/.."
t=${FUZZTIME:-5s}
n=0
while IFS=: read -r file name; do
  pkg=./$(dirname "$file")
  echo "fuzz $pkg $name ($t)"
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$t" "$pkg" >/tmp/c3kit-fuzz.log 2>&1 || { cat /tmp/c3kit-fuzz.log; exit 1; }
  n=$((n+1))
done < <(grep -rHoP '^func \KFuzz\w+' --include='*_test.go' . | sed 's|^\./||' | sort)
echo "fuzz: $n passed, 0 failed"
