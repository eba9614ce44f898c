#!/usr/bin/env bash
# The main job on the embedded corpus (what `make run` does after building).
set -euo pipefail
stylokit=${1:-build/toolkit/cli/stylokit}
cd "$(dirname "$0")/.."
"$stylokit" info data/letters --metadata data/letters/metadata.csv --clean
