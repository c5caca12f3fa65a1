#!/usr/bin/env bash
# Benchmarks (never run by the tests). Usage: scripts/bench.sh [infer|train-speed|accuracy|review|round-trip|writing|extract|spark|cheques|damage|hostile|train] [N]
#   infer [ROUNDS]: inference images/s of the bundled model through DigitClassifier at batch 1, 64 and 512 on 1
#            and 2 threads, DL4J's own forward pass (before) and the folded engine (after), and in the same run the
#            PyTorch peer (../shared/peers, PEERS_DIR) with its GEMM ceiling, the two alternating for ROUNDS rounds
#            (default 3); prints ours/PyTorch (median of the rounds' ratios) and % of ceiling.
#   train-speed: training images/s at batch 64 and 128, ours (`digit-ocr bench --train`, and one real epoch of
#            `digit-ocr train`) vs the PyTorch peer.
#   accuracy [FORMS]: generates FORMS pages with ground truth (MNIST test digits, scan distortions; SEED, default
#            11; MODEL, default the forms model), runs `digit-ocr extract` and scores it: digit, character and
#            field accuracy (boxed and free-form) with 95% intervals from resampling pages, accept rate, error
#            among accepted fields; SHOW_WRONG=1 lists the fields read wrong. DIGITS_IMAGES and DIGITS_LABELS (an
#            IDX pair) write the forms with other digits than MNIST test, e.g. other writers' (OTHER_WRITERS_DIR);
#            WRITING_SIZE (default 1.0; 1.4 is big writing over the box lines) is `samples --writing-size`.
#            KEEP_WORK=1 (any benchmark) keeps its work folder (forms, truth, extract's output) and names it.
#   review [FORMS]: what review costs on FORMS generated pages (SEED, DIGITS_IMAGES, DIGITS_LABELS and MODEL as for
#            accuracy): a reviewer keying the true value of every field sent to review (written straight into the
#            corrections file), then `digit-ocr review --export`: fields accepted as read, corrected, and how many
#            corrections one digit's second choice had right, fields the check-digit repair had right; how many review fields
#            the by-class view can settle and how many screens of 60 digits they fill.
#   round-trip [FORMS]: what writing a digit on a scanned form and reading it back costs the forms model: MNIST
#            test digits it reads right alone, and those it reads wrong, written on FORMS generated forms apart (and
#            FORMS/3) and read back (`digit-ocr evaluate --scanned-forms`). Needs MNIST_DIR.
#   writing [DIGITS]: the forms model on MNIST test digits (the first DIGITS, default all) redrawn along their
#            skeleton with finer and broader pens, slanted further, given other hands' strokes, and captured on a
#            16-cell grid in black and white (`digit-ocr evaluate --writing-variations`).
#            Needs MNIST_DIR. About 2-3 minutes for all 10,000.
#   extract [FORMS]: pages/s and time by stage of the forms pipeline (`digit-ocr extract`) on one core, on FORMS
#            freshly generated forms (default 30), then on FORMS/2 generated cheques as 300 dpi colour JPEGs (2-3 MB
#            each) and FORMS/4 exam sheets as 300 dpi A4 grey PNGs (scripts/lib/RealSizeScans.java).
#   spark [FORMS]: pages/s and time by stage of the Spark job (scripts/extract-job) at local[1] and local[2] on the
#            three sets of extract, the scaling ratio of each; the same on a standalone cluster of 2 workers x 1 core
#            on 127.0.0.1 (scripts/lib/standalone-cluster.sh); and the ceiling this machine's two cores give any
#            CPU-bound work (cpu_ceiling).
#   cheques [N]: cheque reading on N generated cheques per real layout (default 100): templates made from
#            CHEQUE_LAYOUTS_DIR (../shared/data/cheque-layouts) with `digit-ocr template`, cheques from each layout's
#            sample with new dates and amounts in the development writers' digits (`digit-ocr cheques`, SEED,
#            default 5; DIGITS=mnist-test for MNIST test digits), read by `digit-ocr extract`: per layout, date and
#            amount exact, accepted share, wrong among accepted; then each layout's first 10 cheques read with the
#            other layouts' templates only (none may be read).
#   damage [FORMS]: FORMS generated forms (default 30, SEED default 11) for each kind of paper damage (`samples
#            --damage`: none, fold, stain, crease, shadow, rescan), read by `digit-ocr extract`: per kind, fields right,
#            accepted, wrong among accepted (each listed). DIGITS_IMAGES/DIGITS_LABELS write other digits than MNIST test.
#   hostile: the hostile corpus (scripts/lib/HostileCorpus.java: a 60-page TIFF of white 7000x8000 pages, a cut
#            3-page TIFF, a 400 MB zTXt PNG, a 3 GB sparse file, a symlink loop, a FIFO, names with ':' and a newline,
#            an EXIF-mirrored JPEG, two good forms) through `digit-ocr extract` and the Spark job in local mode: exit
#            code, peak RSS (/usr/bin/time) and every file accounted for in fields or rejects.
#   train [EPOCHS]: full-MNIST training, single machine (`digit-ocr train`, batch 128) versus Spark parameter
#            averaging on local[2] (`scripts/train-job`, 2 workers x batch 64, averaging every 20; both engines): seconds per
#            epoch and MNIST test accuracy after the same epochs. Needs MNIST_DIR. About 1-2 min per epoch on one
#            machine (augmentation on), about 7 min on Spark.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-extract}"
forms="${2:-30}"
work="$(mktemp -d)"
trap 'if [ -n "${KEEP_WORK:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi' EXIT

peers="${PEERS_DIR:-$root/../shared/peers}"
# The OpenBLAS kernels ours run (scripts/lib/openblas.sh). The peer gets the same: Debian's OpenBLAS does not
# know every new CPU either, and a peer left on generic kernels would make the comparison flatter us.
kernels="$(source "$root/scripts/lib/openblas.sh"; echo "${OPENBLAS_CORETYPE:-}")"
peer() { env OMP_WAIT_POLICY=passive ${kernels:+OPENBLAS_CORETYPE=$kernels} /usr/bin/python3 "$@"; }
# FORMS generated pages (SEED; DIGITS_IMAGES and DIGITS_LABELS, else MNIST test) into $work/forms with their truth,
# read by `digit-ocr extract` (MODEL, else the forms model) into $work/out; prints extract's output
generated_forms_read() {
  local seed="${SEED:-11}" digits=() written="MNIST test digits"
  if [ -n "${DIGITS_IMAGES:-}" ]; then
    digits=(--digits-images "$DIGITS_IMAGES" --digits-labels "${DIGITS_LABELS:?DIGITS_LABELS goes with DIGITS_IMAGES}")
    written="digits of $(basename "$DIGITS_IMAGES")"
  fi
  "$root/scripts/digit-ocr" samples --templates "$root/conf/templates" --out "$work/forms" --forms "$forms" --seed "$seed" \
    --writing-size "${WRITING_SIZE:-1.0}" "${digits[@]}" >/dev/null
  echo "$forms generated pages (seed $seed, $written, writing size ${WRITING_SIZE:-1.0}):"
  "$root/scripts/digit-ocr" extract --templates "$root/conf/templates" --input "$work/forms" --output "$work/out" \
    ${MODEL:+--model "$MODEL"}
}
# The classpath of the built apps module, for the Java helpers in scripts/lib (built by a digit-ocr call before)
apps_classpath() {
  echo "$root/pipeline-core/apps/target/classes:$(cat "$root/pipeline-core/apps/target/classpath.txt")"
}
# FORMS generated pages of every template (seed 7) into $work/forms, and the real-size scans made from generated
# cheques and exam sheets: FORMS/2 into $work/cheques, FORMS/4 into $work/a4
real_size_scans() {
  local n="$1" t="$root/conf/templates"
  "$root/scripts/digit-ocr" samples --templates "$t" --out "$work/forms" --forms "$n" --seed 7 >/dev/null
  "$root/scripts/digit-ocr" samples --templates "$t/cheque.json" --out "$work/gen-cheques" --forms $((n / 2 + 5)) \
    --seed 7 >/dev/null
  "$root/scripts/digit-ocr" samples --templates "$t/exam-sheet.json" --out "$work/gen-a4" --forms $((n / 4 + 5)) \
    --seed 7 >/dev/null
  java -cp "$(apps_classpath)" "$root/scripts/lib/RealSizeScans.java" cheque "$work/gen-cheques" "$work/cheques"
  java -cp "$(apps_classpath)" "$root/scripts/lib/RealSizeScans.java" a4 "$work/gen-a4" "$work/a4"
}
# What two cores of this machine give CPU-bound work against one: a Python loop timed alone on core 0, alone on
# core 1, then on both at once; prints each and the ceiling of any local[2]/local[1] ratio (both at once against
# the faster core alone). Cores of a virtual machine can be unequal, or share one physical core.
cpu_ceiling() {
  local loop='s=0
for i in range(8000000): s+=i*i' t0 t1 b0 b1
  secs() { /usr/bin/time -f %e taskset -c "$1" python3 -c "$loop" 2>&1 >/dev/null | tail -1; }
  t0="$(secs 0)"; t1="$(secs 1)"
  secs 0 >"$work/both0" & secs 1 >"$work/both1"; wait
  b0="$(cat "$work/both0")"; b1="$(cat "$work/both1")"
  awk -v t0="$t0" -v t1="$t1" -v b0="$b0" -v b1="$b1" 'BEGIN {
    best = t0 < t1 ? t0 : t1
    printf "this machine: a CPU-bound loop takes %.2f s alone on core 0, %.2f s alone on core 1, %.2f s and %.2f s on both at once: two cores give %.2fx the faster one alone\n", t0, t1, b0, b1, (1 / b0 + 1 / b1) * best }'
}
need_torch() {
  if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "installing the PyTorch peer's Debian packages (python3-torch python3-numpy libopenblas0-pthread)..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy \
      libopenblas0-pthread >&2
  fi
}

case "$what" in
  infer)
    need_torch
    rounds="${2:-3}"
    "$root/scripts/digit-ocr" --help >/dev/null   # builds once if needed, outside the timings
    echo "OpenBLAS kernels, ours and the peer's: ${kernels:-left to OpenBLAS} (scripts/lib/openblas.sh;" \
      "OPENBLAS_CORETYPE=Prescott shows a CPU that OpenBLAS does not know)"
    # The box's speed drifts by a third within minutes: ours and the peer run in alternating rounds (order
    # swapped every round), so each round's ratio comes from measurements taken seconds apart.
    for t in 1 2; do
      echo "== $t thread(s), $(date -u +%FT%TZ), load $(cut -d' ' -f1 /proc/loadavg) =="
      OMP_NUM_THREADS=$t "$root/scripts/digit-ocr" bench --engine DL4J | tee "$work/dl4j-$t"
      for r in $(seq 1 "$rounds"); do
        echo "-- round $r of $rounds, $t thread(s) --"
        ours() { OMP_NUM_THREADS=$t "$root/scripts/digit-ocr" bench --engine FOLDED | tee "$work/folded-$t-$r"; }
        torch() { peer "$peers/torch_infer_bench.py" --threads "$t" | tee "$work/torch-$t-$r"; }
        if [ $((r % 2)) -eq 1 ]; then ours; torch; else torch; ours; fi
      done
    done
    echo
    python3 - "$work" "$rounds" <<'PY'
import re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
MFLOP = 20.47
computed = [MFLOP]  # what the folded engine's products compute per image (fewer with Winograd convolutions)

def table(path, fields):
    """images/s per batch size, and the GEMM ceiling in GFLOP/s, of one benchmark's output"""
    out, ceiling = {}, None
    for line in open(path):
        m = re.match(r"work per image and network: ([0-9.]+) MFLOP", line)
        if m:
            computed[0] = float(m.group(1))
        m = re.match(r"GEMM ceiling.*?(?:threads: |median )([0-9.]+) GFLOP", line)
        if m:
            ceiling = float(m.group(1))
        f = line.split()
        if len(f) == fields and f[0].isdigit():
            out[int(f[0])] = float(f[1])
    return out, ceiling

print(f"images/s, median of {rounds} alternating rounds; ratio = ours (folded) / PyTorch, the median of the rounds'")
print("ratios (their range in brackets); % of the fp32 GEMM ceiling (2048^3, median of the rounds) through our")
print("OpenBLAS at the same thread count, and through PyTorch's (its 1-thread figure uses more), counting the")
print(f"network's {MFLOP} MFLOP per image; the last column counts what our engine's products compute instead")
print(f"{'threads':>7} {'batch':>6} {'DL4J':>6} {'folded':>7} {'PyTorch':>8} {'folded/torch':>13} {'range':>13} "
      f"{'%ceil ours':>10} {'%ceil torch':>11} {'%ceil work':>10}")
for t in (1, 2):
    dl4j, _ = table(f"{work}/dl4j-{t}", 6)
    ours = [table(f"{work}/folded-{t}-{r}", 6) for r in range(1, rounds + 1)]
    torch = [table(f"{work}/torch-{t}-{r}", 7) for r in range(1, rounds + 1)]
    ceil_ours = statistics.median(c for _, c in ours)
    ceil_torch = statistics.median(c for _, c in torch)
    for b in (1, 64, 512):
        o = statistics.median(x[b] for x, _ in ours)
        p = statistics.median(x[b] for x, _ in torch)
        ratios = [x[b] / y[b] for (x, _), (y, _) in zip(ours, torch)]
        g = o * MFLOP / 1e3
        print(f"{t:>7} {b:>6} {dl4j[b]:>6.0f} {o:>7.0f} {p:>8.0f} {statistics.median(ratios):>12.2f}x "
              f"{'[%.2f-%.2f]' % (min(ratios), max(ratios)):>13} {100 * g / ceil_ours:>9.1f}% {100 * g / ceil_torch:>10.1f}%"
              f" {100 * g * computed[0] / MFLOP / ceil_ours:>9.1f}%")
print(f"our engine's products: {computed[0]} MFLOP per image")
PY
    ;;
  train-speed)
    need_torch
    echo "ours: digit-ocr bench --train (BackpropEngine; Adam, train mode, random inputs in memory, like the peer)"
    "$root/scripts/digit-ocr" bench --train --batches 64,128 --seconds 30
    "$root/scripts/digit-ocr" train --run-dir "$work/speed" --epochs 1 --batch 64 --train-limit 12800 --no-augment \
      >/dev/null 2>&1
    python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print('ours, a real epoch (digit-ocr train, 12,800 MNIST images, batch 64, no augmentation, JIT warm-up included): %s images/s' % c['training']['trainImagesPerSecond'])" \
      "$work/speed/model/model-card.json"
    echo "PyTorch peer:"
    peer "$peers/torch_train_bench.py" --threads 2 --batches 64,128 --seconds 30
    ;;
  accuracy)
    generated_forms_read | grep -E "generated pages|done in|Time by stage"
    python3 - "$work/forms-truth.json" "$work/out/fields.jsonl" "$root/conf/templates" <<'PY'
import glob, json, os, random, sys
truth = {}
for t in json.load(open(sys.argv[1])):
    for field, value in t["values"].items():
        truth[(t["file"], t["page"], field)] = value
boxed = {}
for path in glob.glob(os.path.join(sys.argv[3], "*.json")):
    t = json.load(open(path))
    for f in t["fields"]:
        boxed[(t["name"], f["name"])] = f["cells"] > 0

def edits(a, b):
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]

n = {k: [0, 0, 0, 0, 0] for k in ("boxed", "free-form")}  # fields, right, digits, digits right, edits
accepted = accepted_wrong = 0
pages = {}
for line in open(sys.argv[2]):
    f = json.loads(line)
    want = truth.get((os.path.basename(f["source"]), f["page"], f["field"]))
    if want is None:
        continue
    s = n["boxed" if boxed[(f["template"], f["field"])] else "free-form"]
    ok = want == f["value"]
    s[0] += 1
    s[1] += ok
    counted = max(len(want), len(f["value"]))
    counted_right = sum(a == b for a, b in zip(want, f["value"])) if len(want) == len(f["value"]) else 0
    s[2] += counted
    s[3] += counted_right
    s[4] += edits(want, f["value"])
    page = pages.setdefault((f["source"], f["page"]), [0, 0, 0, 0])  # digits, digits right, fields, right
    for i, v in enumerate((counted, counted_right, 1, ok)):
        page[i] += v
    if not f["needs_review"]:
        accepted += 1
        accepted_wrong += not ok
    if not ok and os.environ.get("SHOW_WRONG"):
        print(f"  wrong: {os.path.basename(f['source'])} p{f['page']} {f['field']}: '{want}' read '{f['value']}'"
              f" ({'review: ' + '; '.join(r['code'] + (' (' + r['detail'] + ')' if r.get('detail') else '') for r in f['reasons']) if f['needs_review'] else 'ACCEPTED'})")
fields, right, digits, digits_right, errs = (sum(v[i] for v in n.values()) for i in range(5))
written = sum(len(v) for v in truth.values())
print(f"digits right {digits_right}/{digits} = {digits_right / digits:.4f} (a field read with a digit too many or too few "
      f"counts all its digits wrong); character accuracy 1 - edits/written = {1 - errs / written:.4f}; "
      f"fields right {right}/{fields} = {right / fields:.4f}")
for k, v in n.items():
    print(f"  {k}: fields {v[1]}/{v[0]} = {v[1] / max(v[0], 1):.4f}, digits {v[3]}/{v[2]} = {v[3] / max(v[2], 1):.4f}")
# a field's digits are not independent draws (a length error costs all of them), so the interval resamples pages
rnd, per_page = random.Random(1), list(pages.values())
boot = [tuple(sum(p[i] for p in draw) for i in range(4)) for draw in
        ([rnd.choice(per_page) for _ in per_page] for _ in range(2000))]
def interval(num, den):
    r = sorted(b[num] / b[den] for b in boot)
    return f"{r[len(r) // 40]:.4f}-{r[len(r) - 1 - len(r) // 40]:.4f}"
print(f"95% interval over {len(per_page)} pages resampled: digits {interval(1, 0)}, fields {interval(3, 2)}")
print(f"accepted {accepted}/{fields} = {accepted / fields:.3f}; wrong among accepted {accepted_wrong}/{accepted} = "
      f"{accepted_wrong / max(accepted, 1):.4f}; fields in truth not read: {len(truth) - fields}")
PY
    ;;
  review)
    generated_forms_read | grep -E "generated pages|done in"
    python3 - "$work/forms-truth.json" "$work/out/fields.jsonl" "$work/out/corrections.jsonl" <<'PY'
import datetime, json, math, os, sys
truth = {}
for t in json.load(open(sys.argv[1])):
    for field, value in t["values"].items():
        truth[(t["file"], t["page"], field)] = value
now = datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
review = by_digit = digits = 0
with open(sys.argv[3], "w") as out:
    for line in open(sys.argv[2]):
        f = json.loads(line)
        if not f["needs_review"]:
            continue
        review += 1
        if f.get("digit_images_file") and all(r["code"] == "LOW_CONFIDENCE" for r in f["reasons"]):
            by_digit += 1
            digits += len(f["digits"])
        right = truth.get((os.path.basename(f["source"]), f["page"], f["field"]))
        if right is None:
            continue
        out.write(json.dumps({"run_id": f["run_id"], "source": f["source"], "page": f["page"], "field": f["field"],
                              "decision": "ACCEPTED" if right == f["value"] else "CORRECTED", "value": right,
                              "original_value": f["value"], "reviewer": "bench", "decided_at": now}) + "\n")
screens = math.ceil(digits / 60) if digits else 0
print(f"review fields {review}; settled by the by-class view {by_digit} ({100 * by_digit / max(review, 1):.1f}%),"
      f" {digits} digits, {screens} screens of 60 digits, {by_digit / max(screens, 1):.1f} fields a screen")
PY
    "$root/scripts/digit-ocr" review --run "$work/out" --export "$work/out/reviewed.jsonl" | grep "^Review:"
    ;;
  round-trip)
    "$root/scripts/digit-ocr" evaluate --model "${MODEL:-$root/data/models/forms-cnn}" --scanned-forms "$forms" \
      | grep -E "^Accuracy|^Written|^Error"
    ;;
  writing)
    "$root/scripts/digit-ocr" evaluate --model "${MODEL:-$root/data/models/forms-cnn}" --limit "${2:-0}" \
      --writing-variations | sed -n '/^Accuracy/p;/^Written otherwise/,$p'
    ;;
  extract)
    # the small generated forms; then real sizes: FORMS/2 cheque pages as 300 dpi colour JPEGs (2-3 MB, blue ink on a
    # security pattern) and FORMS/4 exam sheets as 300 dpi A4 grey PNGs (scripts/lib/RealSizeScans.java)
    real_size_scans "$forms"
    for set in forms cheques a4; do
      n="$(find "$work/$set" -maxdepth 1 -type f | wc -l)"
      echo "extract on $n files of $set ($(du -sh "$work/$set" | cut -f1)), 1 core (taskset -c 0, OMP_NUM_THREADS=1):"
      OMP_NUM_THREADS=1 taskset -c 0 "$root/scripts/digit-ocr" extract --templates "$root/conf/templates" \
        --input "$work/$set" --output "$work/out-$set" | grep -E "done in|pages/s|Time by stage"
    done
    cpu_ceiling
    ;;
  spark)
    # the same three sets as extract, each at local[1] and local[2]; beside them, what this machine's two cores
    # give any CPU-bound work (a Python loop alone on each core, then on both at once), the ceiling of the ratio
    real_size_scans "$forms"
    for set in forms cheques a4; do
      declare -A rate
      for m in 1 2; do
        out="$(SPARK_MASTER="local[$m]" "$root/scripts/extract-job" --input "$work/$set" --output "$work/out-$set" \
          --run-id "bench-local-$m" --partitions $((4 * m)) 2>/dev/null)"
        line="$(grep -E "^Run " <<<"$out")"
        echo "$set, local[$m]: $line"
        echo "$set, local[$m]: $(grep -E "^Time by stage" <<<"$out")"
        rate[$m]="$(sed -E 's/.* ([0-9.]+) pages\/s.*/\1/' <<<"$line")"
      done
      awk -v s="$set" -v a="${rate[1]}" -v b="${rate[2]}" 'BEGIN { printf "%s: scaling local[2]/local[1] %.2fx\n", s, b / a }'
    done
    # a standalone cluster of 2 workers x 1 core (scripts/lib/standalone-cluster.sh), the application jar submitted
    source "$root/scripts/lib/standalone-cluster.sh"
    trap 'standalone_stop "$work/cluster"; if [ -n "${KEEP_WORK:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi' EXIT
    standalone_start "$work/cluster" 2
    for set in forms cheques a4; do
      out="$(standalone_submit "$work/cluster" --input "$work/$set" --output "$work/out-$set" --run-id bench-standalone \
        --partitions 8 2>"$work/cluster/logs/driver-$set.log")"
      echo "$set, standalone 2 workers x 1 core: $(grep -E "^Run " <<<"$out")"
      echo "$set, standalone 2 workers x 1 core: $(grep -E "^Time by stage" <<<"$out")"
    done
    standalone_stop "$work/cluster"
    cpu_ceiling
    ;;
  cheques)
    layouts="${CHEQUE_LAYOUTS_DIR:-$root/../shared/data/cheque-layouts}"
    for f in "$layouts"/*.fields.json; do
      "$root/scripts/digit-ocr" template --fields "$f" --output "$work/templates" \
        --sample "$layouts/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sample"])' "$f")" | grep -v WARN
    done
    "$root/scripts/digit-ocr" cheques --layouts "$layouts" --out "$work/cheques" --count "${2:-100}" --seed "${SEED:-5}" \
      --digits "${DIGITS:-other-writers}" 2>&1 | grep -v WARN
    OMP_NUM_THREADS=1 taskset -c 0 "$root/scripts/digit-ocr" extract --templates "$work/templates" \
      --input "$work/cheques" --output "$work/out" 2>&1 | grep -E "done in|Time by stage" || true
    python3 "$root/scripts/lib/score_cheques.py" "$work/cheques" "$work/out"
    read_elsewhere=0
    for t in "$work"/templates/*.json; do
      name="$(basename "$t" .json)"
      mkdir -p "$work/others-$name" "$work/only-$name"
      for o in "$work"/templates/*.json; do [ "$o" = "$t" ] || cp "$o" "$work/others-$name/"; done
      cp "$work/cheques/$name"-00[01]?.jpg "$work/only-$name/" 2>/dev/null || true
      "$root/scripts/digit-ocr" extract --templates "$work/others-$name" --input "$work/only-$name" \
        --output "$work/out-$name" >/dev/null 2>&1 || true
      n="$(wc -l <"$work/out-$name/fields.jsonl")"
      echo "$name cheques read with the other layouts' templates: $(ls "$work/only-$name" | wc -l) cheques, $n fields read"
      read_elsewhere=$((read_elsewhere + n))
    done
    echo "cheques of a layout without its template: $read_elsewhere fields read (must be 0)"
    ;;
  damage)
    kinds=(none fold stain crease shadow rescan)
    for kind in "${kinds[@]}"; do
      damage=()
      [ "$kind" = none ] || damage=(--damage "$kind")
      "$root/scripts/digit-ocr" samples --templates "$root/conf/templates" --out "$work/forms-$kind" --forms "$forms" \
        --seed "${SEED:-11}" "${damage[@]}" ${DIGITS_IMAGES:+--digits-images "$DIGITS_IMAGES" --digits-labels "$DIGITS_LABELS"} >/dev/null
      "$root/scripts/digit-ocr" extract --templates "$root/conf/templates" --input "$work/forms-$kind" \
        --output "$work/out-$kind" ${MODEL:+--model "$MODEL"} 2>&1 | grep -E "done in" | sed "s/^/$kind: /" || true
    done
    python3 "$root/scripts/lib/score_damage.py" "$work" "${kinds[@]}"
    ;;
  hostile)
    java -cp "$(apps_classpath)" "$root/scripts/lib/HostileCorpus.java" "$root/data/samples" "$work/in"
    for mode in extract spark; do
      if [ "$mode" = extract ]; then
        cmd=("$root/scripts/digit-ocr" extract --templates "$root/conf/templates" --input "$work/in" --output "$work/out-$mode")
      else
        cmd=("$root/scripts/extract-job" --input "$work/in" --output "$work/out-$mode" --run-id hostile)
      fi
      set +e
      /usr/bin/time -f "%M" -o "$work/rss-$mode" timeout 1200 "${cmd[@]}" > "$work/log-$mode" 2>&1
      rc=$?
      set -e
      echo "$mode: exit code $rc, peak RSS $(( $(cat "$work/rss-$mode" | tail -1) / 1024 )) MB; last lines:"
      grep -v "^WARN\|^SLF4J\|INFO" "$work/log-$mode" | tail -n 4 | sed 's/^/    /'
    done
    /usr/bin/python3 - "$work" <<'PY'
import json, os, sys, glob
w = sys.argv[1]
names = sorted(n for n in os.listdir(w + "/in") if not n.startswith(".") and n != "loop")
rows = {}
for line in open(w + "/out-extract/fields.jsonl"):
    rows.setdefault(os.path.basename(json.loads(line)["source"]), []).append("field")
for line in open(w + "/out-extract/rejects.jsonl"):
    r = json.loads(line)
    rows.setdefault(os.path.basename(r["source"]), []).append("reject: " + r["reason"][:70])
for n in names:
    kinds = rows.get(n, ["MISSING"])
    print(f"  extract {n!r}: {len([k for k in kinds if k == 'field'])} fields; " + "; ".join(sorted({k for k in kinds if k != 'field'})))
keys = ("files", "pages", "fields", "accepted", "rejects", "filesWithRejects", "rejectReasons")
one = json.load(open(w + "/out-extract/summary.json"))
two = json.load(open(w + "/out-spark/summary/run_id=hostile/summary.json"))
for mode, s in (("extract", one), ("spark", two)):
    print(f"  {mode} summary: " + ", ".join(f"{k} {s[k]}" for k in keys) + f", skipped {s['skipped']['byReason']}")
print("  both modes: " + ("the same counts" if all(one[k] == two[k] for k in keys) else "COUNTS DIFFER"))
PY
    ;;
  train)
    # The same 55,000 MNIST digits with the same augmentation (no other hands) and an effective minibatch of 128:
    # one machine on 2 threads, then TrainJob on local[2] with each engine (2 workers x 64, averaging every 20).
    epochs="${2:-1}"
    card() { python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print('%s s/epoch, MNIST test accuracy %.4f' % (c['training']['outcome']['secondsPerEpoch'], c['metrics']['testAccuracy']))" "$1"; }
    "$root/scripts/digit-ocr" train --run-dir "$work/single" --epochs "$epochs" --batch 128 --hand-styles 0 >/dev/null 2>&1
    echo "single machine (2 threads), $epochs epoch(s): $(card "$work/single/model/model-card.json")"
    for engine in backprop dl4j; do
      "$root/scripts/train-job" --mnist "$MNIST_DIR" --output "$work/spark-$engine" --epochs "$epochs" --workers 2 \
        --batch 64 --averaging-frequency 20 --engine "$engine" >/dev/null 2>&1
      echo "Spark local[2] parameter averaging, engine $engine, $epochs epoch(s): $(card "$work/spark-$engine/model-card.json")"
    done
    ;;
  *)
    echo "unknown benchmark: $what (known: infer, train-speed, accuracy, review, round-trip, writing, extract, spark, train)" >&2
    exit 2
    ;;
esac
