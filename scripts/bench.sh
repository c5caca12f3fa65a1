#!/usr/bin/env bash
# Benchmarks (never run by the tests). Usage: scripts/bench.sh [extract|spark] [FORMS]
#   extract: pages/s of the forms pipeline (`digit-ocr extract`) on one core, on freshly generated forms.
#   spark:   pages/s of the Spark job (scripts/extract-job) at local[1] and local[2] on the same generated
#            batch, and the scaling ratio.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-extract}"
forms="${2:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

case "$what" in
  extract)
    "$root/scripts/digit-ocr" samples --templates "$root/conf/templates" --out "$work/forms" --forms "$forms" --seed 7 >/dev/null
    echo "extract on $forms generated pages, 1 core (taskset -c 0, OMP_NUM_THREADS=1):"
    OMP_NUM_THREADS=1 taskset -c 0 "$root/scripts/digit-ocr" extract --templates "$root/conf/templates" \
      --input "$work/forms" --output "$work/out" | grep -E "done in|pages/s"
    ;;
  spark)
    "$root/scripts/digit-ocr" samples --templates "$root/conf/templates" --out "$work/forms" --forms "$forms" --seed 7 >/dev/null
    declare -A rate
    for m in 1 2; do
      line="$(SPARK_MASTER="local[$m]" "$root/scripts/extract-job" --input "$work/forms" --output "$work/out" \
        --run-id "bench-local-$m" --partitions $((4 * m)) 2>/dev/null | grep -E "^Run ")"
      echo "local[$m]: $line"
      rate[$m]="$(sed -E 's/.* ([0-9.]+) pages\/s.*/\1/' <<<"$line")"
    done
    awk -v a="${rate[1]}" -v b="${rate[2]}" 'BEGIN { printf "scaling local[2]/local[1]: %.2fx\n", b / a }'
    ;;
  *)
    echo "unknown benchmark: $what (known: extract, spark)" >&2
    exit 2
    ;;
esac
