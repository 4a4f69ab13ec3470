package export_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate/export"
	"stance/model"
)

// pythonCheck loads the exports the way the README tells a researcher to:
// the CSV with the csv module, the JSONL with json line by line, the brat
// files as plain str (whose indices are code points, as brat's are), the
// GraphML with networkx when it is installed. It checks every offset
// against the article's text and prints what it read.
const pythonCheck = `
import csv, glob, json, os, sys

out = sys.argv[1]
quotes = json.load(open(os.path.join(out, "quotes.json"), encoding="utf-8"))
texts = json.load(open(os.path.join(out, "texts.json"), encoding="utf-8"))

def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)

with open(os.path.join(out, "corpus.csv"), newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
for r in rows:
    text = texts[r["source"]]
    s, e = int(r["start"]), int(r["end"])
    if text[s:e] != r["quote"] or r["quote"] != quotes[r["statement_id"]]:
        fail("csv %s: text[%d:%d] = %r, quote %r" % (r["statement_id"], s, e, text[s:e], r["quote"]))

entities = 0
with open(os.path.join(out, "corpus.jsonl"), encoding="utf-8") as f:
    for line in f:
        rec = json.loads(line)
        ents = {e["id"]: e for e in rec["entities"]}
        for a in rec["annotations"]:
            if not a["entity_id"]:
                continue
            e = ents[a["entity_id"]]
            got = rec["text"][e["start_offset"]:e["end_offset"]]
            if got != quotes[a["id"]]:
                fail("jsonl %s: %r != %r" % (a["id"], got, quotes[a["id"]]))
            entities += 1

spans = 0
for ann in sorted(glob.glob(os.path.join(out, "brat", "*.ann"))):
    text = open(ann[:-4] + ".txt", encoding="utf-8").read()
    for line in open(ann, encoding="utf-8"):
        if not line.startswith("T"):
            continue
        tid, info, covered = line.rstrip("\n").split("\t")
        frags = [tuple(map(int, f.split())) for f in info.split(" ", 1)[1].split(";")]
        got = " ".join(text[s:e] for s, e in frags)
        if got != covered:
            fail("brat %s %s: %r != %r" % (os.path.basename(ann), tid, got, covered))
        spans += 1

graph = "networkx not installed"
try:
    import networkx as nx
except ImportError:
    nx = None
if nx is not None:
    g = nx.read_graphml(os.path.join(out, "corpus.graphml"))
    for a, b, d in g.edges(data=True):
        if d["weight"] != d["support"] - d["oppose"]:
            fail("graphml %s-%s: weight %r" % (a, b, d["weight"]))
    actors = sum(1 for _, d in g.nodes(data=True) if d["bipartite"] == 0)
    graph = "graphml nodes=%d actors=%d edges=%d" % (g.number_of_nodes(), actors, g.number_of_edges())

print("csv rows=%d jsonl entities=%d brat spans=%d %s" % (len(rows), entities, spans, graph))
`

// TestPythonReadsExports runs pythonCheck on the corpus's exports. It is
// skipped when python3 is not installed.
func TestPythonReadsExports(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	corpus := load(t, corpusDir)
	out := t.TempDir()
	for name, f := range map[string]export.Format{"corpus.csv": export.CSV, "corpus.jsonl": export.JSONL, "corpus.graphml": export.GraphML} {
		if err := export.WriteFile(filepath.Join(out, name), f, corpus, export.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := export.WriteDir(filepath.Join(out, "brat"), export.Brat, corpus, export.Options{}); err != nil {
		t.Fatal(err)
	}
	quotes, texts := map[string]string{}, map[string]string{}
	var positions, placed int
	for _, it := range corpus {
		texts[it.Doc.Article.Source] = it.Article.Text
		for _, n := range it.Doc.Annotations {
			quotes[n.ID] = n.Quote
			placed++
			if n.Type == model.TypePosition {
				positions++
			}
		}
	}
	writeJSON(t, filepath.Join(out, "quotes.json"), quotes)
	writeJSON(t, filepath.Join(out, "texts.json"), texts)

	cmd := exec.Command(python, "-c", pythonCheck, out)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, stderr.String())
	}
	t.Logf("python read: %s", got)
	want := fmt.Sprintf("csv rows=%d jsonl entities=%d", positions, placed)
	if !strings.HasPrefix(string(got), want) {
		t.Errorf("python read %q, want it to start %q", got, want)
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
