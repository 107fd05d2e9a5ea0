#!/usr/bin/env bash
# Interleaved A/B runs of `bin/textclf train` with two sets of extra JVM options, each run its own JVM:
#   tools/ab-jvm-options.sh PAIRS "OPTIONS_A" "OPTIONS_B" [train arguments other than -o and --progress]
# Both sets are added to the launcher's defaults for train (through TEXTCLF_JAVA_OPTS; keep them in step
# with bin/textclf). One unpaired run first (class data archive, page cache), then the pairs in the order
# A B, B A, A B, ... Prints the median wall time of A and of B, the median of the pairs' differences
# (B - A) and in how many pairs B was faster. DATA names the dataset (default:
# ../shared/data/debian_descriptions beside the checkout).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 3 ] || ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 PAIRS \"OPTIONS_A\" \"OPTIONS_B\" [train arguments]  (PAIRS: a positive whole number)" >&2
  exit 2
fi
pairs=$1 a=$2 b=$3
shift 3
data="${DATA:-$root/../shared/data/debian_descriptions}"
defaults="-XX:+UseSerialGC -Xms256m -Xmn24m -Xmx2g -XX:-UsePerfData -XX:InlineSmallCode=1000"
if grep -qs '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  defaults+=" -XX:+UseTransparentHugePages"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Runs train once with extra options $2, and appends "$1 milliseconds" to the times.
run() {
  local start end
  start=$(date +%s%N)
  if ! TEXTCLF_JAVA_OPTS="$defaults $2" "$root/bin/textclf" train --data "$data" -o "$work/model.textclf" \
      --progress none "${@:3}" > "$work/out" 2>&1; then
    echo "$0: train failed with options '$2':" >&2
    cat "$work/out" >&2
    exit 1
  fi
  end=$(date +%s%N)
  [ "$1" = warm-up ] || echo "$1 $(( (end - start) / 1000000 ))" >> "$work/times"
}

run warm-up "$a" "$@"
for pair in $(seq "$pairs"); do
  if [ $((pair % 2)) = 1 ]; then
    run A "$a" "$@"; run B "$b" "$@"
  else
    run B "$b" "$@"; run A "$a" "$@"
  fi
done
python3 - "$work/times" <<'P'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
a = [int(t) / 1000 for side, t in rows if side == "A"]
b = [int(t) / 1000 for side, t in rows if side == "B"]
d = [y - x for x, y in zip(a, b)]
print("A median %.3f s  B median %.3f s  paired %+.3f s  B faster in %d of %d"
      % (statistics.median(a), statistics.median(b), statistics.median(d), sum(x < 0 for x in d), len(d)))
P
