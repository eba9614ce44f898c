#!/usr/bin/env bash
# The main job on the embedded corpus (what `make run` does after building): the letters
# experiment into results/letters/ (replaced on each run), then where to look.
set -euo pipefail
stylokit=${1:-build/toolkit/cli/stylokit}
cd "$(dirname "$0")/.."
"$stylokit" info data/letters --metadata data/letters/metadata.csv --clean | head -8
echo
"$stylokit" run experiments/letters.toml --force
