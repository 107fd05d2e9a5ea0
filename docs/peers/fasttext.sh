#!/usr/bin/env bash
# fastText (Debian package `fasttext`) on a textclf dataset folder with the tutorial's dimension and
# epochs, for side-by-side timing: converts the CSV files to fastText's layout, then trains and tests.
#   docs/peers/fasttext.sh ../shared/data/debian_descriptions
set -euo pipefail
folder="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$folder" "$work" <<'PY'
import csv, gzip, os, sys
folder, work = sys.argv[1], sys.argv[2]
for name in ("train", "test"):
    path = os.path.join(folder, name + ".csv")
    opener = open
    if not os.path.exists(path):
        path, opener = path + ".gz", gzip.open
    with opener(path, "rt", encoding="utf-8", newline="") as f, open(os.path.join(work, name + ".txt"), "w") as out:
        for row in csv.reader(f):
            text = " ".join(row[1:]).replace("\n", " ")
            out.write(f"__label__{row[0]} {text}\n")
PY
start=$(date +%s.%N)
fasttext supervised -input "$work/train.txt" -output "$work/model" -dim 64 -epoch 10 -thread 2 -verbose 0
fasttext test "$work/model.bin" "$work/test.txt"
echo "wall $(echo "$(date +%s.%N) - $start" | bc)s (training and testing, conversion excluded)"
