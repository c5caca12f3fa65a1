"""Scores `digit-ocr extract` on generated forms with damaged paper (scripts/bench.sh damage): per kind of damage,
fields read right, accepted, wrong among accepted, and why the wrong ones were accepted or sent to review.
Usage: score_damage.py WORK KIND... (WORK/forms-KIND-truth.json and WORK/out-KIND/fields.jsonl for each KIND)"""
import collections, json, os, sys
work, kinds = sys.argv[1], sys.argv[2:]
print(f"{'damage':8} {'fields':>6} {'right':>7} {'accepted':>9} {'wrong accepted':>15} {'pages rejected':>15}")
shown = []
for kind in kinds:
    truth = {}
    for t in json.load(open(os.path.join(work, f"forms-{kind}-truth.json"))):
        for field, value in t["values"].items():
            truth[(t["file"], t["page"], field)] = value
    out = os.path.join(work, f"out-{kind}")
    n = right = accepted = wrong = 0
    for line in open(os.path.join(out, "fields.jsonl")):
        f = json.loads(line)
        want = truth.get((os.path.basename(f["source"]), f["page"], f["field"]))
        if want is None:
            continue
        ok = want == f["value"]
        n += 1
        right += ok
        if not f["needs_review"]:
            accepted += 1
            if not ok:
                wrong += 1
                shown.append(f"  {kind}: {os.path.basename(f['source'])} p{f['page']} {f['field']}: '{want}' accepted as "
                             f"'{f['value']}' at {f['confidence']:.4f}")
    pages = {(t[0], t[1]) for t in truth}
    rejected = sum(1 for line in open(os.path.join(out, "rejects.jsonl"))
                   if (os.path.basename(json.loads(line)["source"]), json.loads(line).get("page") or 1) in pages)
    print(f"{kind:8} {n:6d} {right / max(n, 1):7.1%} {accepted / max(n, 1):9.1%} {wrong:6d} = {wrong / max(accepted, 1):6.2%}"
          f" {rejected:15d}")
print("\n".join(shown[:40]))
