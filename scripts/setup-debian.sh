#!/usr/bin/env bash
# Installs the Debian packages stylokit needs to build, test and benchmark.
# Idempotent: runs `apt-get update` and `apt-get install` only when a package
# is missing. Works as root, uses sudo otherwise. Usage:
#   scripts/setup-debian.sh            # build + test dependencies
#   scripts/setup-debian.sh --build    # only what the build needs
set -euo pipefail

build_pkgs=(
  cmake g++ make pkg-config
  libeigen3-dev                 # sparse document-term matrices, dense linear algebra
  libicu-dev                    # UTF-8, normalisation, case folding, word/sentence breaks, regex
  libboost-program-options-dev  # the CLI
  libboost-dev                  # Boost.Sort's pdqsort (header-only) in the phrase index
  libgtest-dev libgmock-dev     # unit and end-to-end tests
  libbenchmark-dev              # bench/
  libtomlplusplus-dev           # experiment configs and cleaning rules (TOML)
  nlohmann-json3-dev            # JSONL corpora, JSON outputs, manifests
  libfmt-dev                    # number formatting (17 significant digits) and messages
  libssl-dev                    # SHA-256 of inputs (OpenSSL libcrypto)
  libsvm-dev                    # the SVM classifier: the solver stylo's SVM runs (R e1071 bundles libsvm)
  libpng-dev                    # heatmaps too large for a quick SVG are written as PNG
  libdivsufsort-dev             # an independent suffix array the tests check ours against
  python3-dev pybind11-dev python3-pybind11  # the Python module (python/), built for Debian's python3
)
test_pkgs=(
  python3 python3-numpy python3-scipy python3-sklearn  # independent numeric references
  python3-nltk python3-pandas python3-matplotlib
  jupyter-nbconvert python3-ipykernel python3-nbformat  # notebooks are executed by the tests
  python3-pytest                # the Python module's tests (python/tests)
  chromium fonts-dejavu-core    # report.html is screenshotted in headless Chromium by a test
)

want=("${build_pkgs[@]}")
[[ "${1:-}" == "--build" ]] || want+=("${test_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: missing packages (${missing[*]}) and no sudo; install them as root" >&2; exit 1; }
  sudo=(sudo)
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
