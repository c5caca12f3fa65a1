#!/usr/bin/env bash
# Benchmarks (never run by the tests). Usage: scripts/bench.sh [extract|spark] [FORMS]
#   extract: pages/s of the forms pipeline (`digit-ocr extract`) on one core, on freshly generated forms.
#   spark:   pages/s of the Spark job (scripts/extract-job) at local[1] and local[2] on the same generated
#            batch, and the scaling ratio.
#   train [EPOCHS]: full-MNIST training, single machine (`digit-ocr train`, batch 128) versus Spark parameter
#            averaging on local[2] (`scripts/train-job`, 2 workers x batch 64, averaging every 5): seconds per
#            epoch and MNIST test accuracy after the same epochs. Needs MNIST_DIR. About 12 min per epoch each.
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
  train)
    epochs="${2:-1}"
    card() { python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print('%s s/epoch, MNIST test accuracy %.4f' % (c['training']['secondsPerEpoch'], c['metrics']['testAccuracy']))" "$1"; }
    "$root/scripts/digit-ocr" train --run-dir "$work/single" --epochs "$epochs" --batch 128 >/dev/null 2>&1
    echo "single machine (2 threads), $epochs epoch(s): $(card "$work/single/model/model-card.json")"
    "$root/scripts/train-job" --mnist "$MNIST_DIR" --output "$work/spark" --epochs "$epochs" --workers 2 --batch 64 \
      --averaging-frequency 5 >/dev/null 2>&1
    echo "Spark local[2] parameter averaging, $epochs epoch(s): $(card "$work/spark/model-card.json")"
    ;;
  *)
    echo "unknown benchmark: $what (known: extract, spark, train)" >&2
    exit 2
    ;;
esac
