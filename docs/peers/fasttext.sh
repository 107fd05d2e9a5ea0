#!/usr/bin/env bash
# fastText (Debian package `fasttext`) on a textclf dataset folder with the tutorial's dimension and
# epochs, for side-by-side timing. The CSV files are converted to fastText's layout with textclf's own
# tokenization (`textclf tokenize`, torchtext's basic_english), so both tools see the same tokens; the
# conversion is not timed. Extra arguments go to `fasttext supervised` (e.g. -wordNgrams 2).
#   docs/peers/fasttext.sh ../shared/data/debian_descriptions [-wordNgrams 2]
# With FASTTEXT_DATA=DIR the converted train.txt / test.txt are kept in DIR (and reused if present).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: docs/peers/fasttext.sh DATASET_FOLDER [fasttext supervised options]" >&2
  exit 2
fi
command -v fasttext >/dev/null || { echo "fasttext is not installed (Debian: apt-get install -y fasttext)" >&2; exit 1; }
folder="$1"
shift
work="${FASTTEXT_DATA:-$(mktemp -d)}"
[ -n "${FASTTEXT_DATA:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
if [ ! -f "$work/test.txt" ]; then
  /usr/bin/python3 - "$folder" "$work" <<'PY'
import csv, gzip, os, sys
folder, work = sys.argv[1], sys.argv[2]
for name in ("train", "test"):
    path = os.path.join(folder, name + ".csv")
    opener = open
    if not os.path.exists(path):
        path, opener = path + ".gz", gzip.open
    with opener(path, "rt", encoding="utf-8", newline="") as f, \
            open(os.path.join(work, name + ".labels"), "w") as labels, \
            open(os.path.join(work, name + ".raw"), "w") as texts:
        for row in csv.reader(f):
            labels.write(f"__label__{row[0]}\n")
            texts.write(" ".join(row[1:]).replace("\r", " ").replace("\n", " ") + "\n")
PY
  for name in train test; do
    "$here/bin/textclf" tokenize < "$work/$name.raw" | paste -d ' ' "$work/$name.labels" - > "$work/$name.txt"
  done
fi
start=$(date +%s.%N)
fasttext supervised -input "$work/train.txt" -output "$work/model" -dim 64 -epoch 10 -thread 2 -verbose 0 "$@"
fasttext test "$work/model.bin" "$work/test.txt"
echo "wall $(echo "$(date +%s.%N) - $start" | bc)s (training and testing, conversion excluded)"
