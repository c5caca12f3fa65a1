"""Scores `digit-ocr extract` on generated cheques (scripts/bench.sh cheques): per layout, date and amount read
exactly, share of fields accepted, wrong values among accepted fields, cheques rejected.
Usage: score_cheques.py CHEQUES_DIR (with truth.csv) EXTRACT_OUTPUT_DIR"""
import csv, json, sys, collections, os
gen, out = sys.argv[1], sys.argv[2]
truth = {r['file']: r for r in csv.DictReader(open(os.path.join(gen, 'truth.csv')))}
rows = collections.defaultdict(dict)
for l in open(os.path.join(out, 'fields.jsonl')):
    r = json.loads(l); rows[os.path.basename(r['source'])][r['field']] = r
rejects = collections.Counter(os.path.basename(json.loads(l)['source']) for l in open(os.path.join(out, 'rejects.jsonl')))
stats = collections.defaultdict(lambda: collections.Counter())
wrongs = []
for f, t in truth.items():
    s = stats[t['layout']]; s['cheques'] += 1
    if f in rejects: s['rejected'] += 1
    for field in ('date', 'amount'):
        r = rows[f].get(field)
        want = t[field]
        if r is None: continue
        ok = r['value'] == want
        s[field + '_exact'] += ok
        s['fields'] += 1
        if not r['needs_review']:
            s['accepted'] += 1
            if not ok: s['wrong_accepted'] += 1; wrongs.append((f, field, want, r['value'], r['confidence']))
tot = collections.Counter()
for k in sorted(stats):
    s = stats[k]; tot.update(s)
for name, s in list(sorted(stats.items())) + [('all', tot)]:
    n = s['cheques']
    print(f"{name}: {n} cheques, date exact {100*s['date_exact']/n:.1f}%, amount exact {100*s['amount_exact']/n:.1f}%, "
          f"accepted {100*s['accepted']/max(1,2*n):.1f}% of fields, wrong among accepted {100*s['wrong_accepted']/max(1,s['accepted']):.2f}% ({s['wrong_accepted']}/{s['accepted']}), rejected {s['rejected']}")
for w in wrongs[:20]:
    print('wrong accepted (file, field, written, read, confidence):', w)
