#!/usr/bin/env bash
# Benchmarks (never run by the tests). Usage: scripts/bench.sh [extract] [FORMS]
#   extract: pages/s of the forms pipeline (`digit-ocr extract`) on one core, on freshly generated forms.
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
  *)
    echo "unknown benchmark: $what (known: extract)" >&2
    exit 2
    ;;
esac
