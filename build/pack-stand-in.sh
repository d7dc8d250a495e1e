#!/usr/bin/env bash
# Rebuilds packages/Patched.DistributedLock.Postgres.1.3.3.nupkg (docs/adr/0003).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet pack build/Patched.DistributedLock.Postgres -c Release -o packages
