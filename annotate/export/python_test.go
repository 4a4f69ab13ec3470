package export_test

import (
	"encoding/json"
	"errors"
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

// w3cCheck validates each annotation of a W3C export, on its own, against
// the Web Annotation test suite's MUST assertions (testdata/
// web-annotation-tests) with jsonschema, as the suite's own runner does
// with its schemas. It exits 3 when jsonschema is not installed.
const w3cCheck = `
import json, os, sys
try:
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4
except ImportError:
    sys.exit(3)

root, export = sys.argv[1], sys.argv[2]
base = "https://w3c.example/web-annotation-tests/"
defs = os.path.join(root, "definitions")
resources = []
for name in sorted(n for n in os.listdir(defs) if n.endswith(".json")):
    with open(os.path.join(defs, name), encoding="utf-8") as f:
        s = json.load(f)
    resources.append((base + s["id"], Resource.from_contents(s, default_specification=DRAFT4)))
registry = Registry().with_resources(resources)
with open(os.path.join(root, "annotations", "annotationMusts.test"), encoding="utf-8") as f:
    musts = json.load(f)["assertions"]
with open(export, encoding="utf-8") as f:
    items = json.load(f)["first"]["items"]

# The schemas are slow to evaluate: one annotation of each shape (its keys,
# types and kinds of value, every string but a type or motivation alike)
# stands for the others.
def shape(x, key=""):
    if isinstance(x, dict):
        return {k: shape(v, k) for k, v in x.items()}
    if isinstance(x, list):
        return [shape(v, key) for v in x]
    if isinstance(x, str) and key not in ("type", "motivation", "purpose", "@context"):
        return "string"
    return x if isinstance(x, str) else type(x).__name__
shapes = {}
for item in items:
    shapes.setdefault(json.dumps(shape(item), sort_keys=True), item)
failed = 0
for path in musts:
    with open(os.path.join(root, path), encoding="utf-8") as f:
        schema = json.load(f)
    # Draft 4 ignores an "id" beside "$ref", as some assertions have it: a
    # wrapper resolves every reference against the definitions.
    v = Draft4Validator({"id": base + "assertion.json", "allOf": [schema]},
                        registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)
    for item in shapes.values():
        if v.is_valid(item) != (schema.get("expectedResult", "valid") == "valid"):
            failed += 1
            print("%s: %s: %s" % (item.get("id"), path, schema.get("errorMessage")), file=sys.stderr)
            break
print("%d annotations of %d shapes, %d assertions, %d failed" % (len(items), len(shapes), len(musts), failed))
sys.exit(1 if failed else 0)
`

// TestW3CPassesTheWebAnnotationTests: every annotation of the W3C export,
// taken out of its collection, passes the MUST assertions of the W3C test
// suite — web pages (a URL, a fetch time) and orphans included. It is
// skipped when python3 or its jsonschema module is missing.
func TestW3CPassesTheWebAnnotationTests(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	const text = "Anna said the plan works."
	page := newItem("https://example.org/plan", text,
		[]model.Actor{{ID: "a-1", Name: "Anna", Kind: model.KindPerson}},
		[]model.Claim{{ID: "c-1", Text: "The plan works"}},
		mention("n-1", "a-1", spanOf(text, "Anna")),
		positionNote("n-2", "a-1", "c-1", model.StanceSupport, spanOf(text, "the plan works")))
	page.Doc.Article.URL, page.Doc.Article.Fetched = "https://example.org/plan", "2026-11-27T12:00:00Z"
	page.Doc.Annotations[1].Orphan = true
	out := filepath.Join(t.TempDir(), "corpus.jsonld")
	if err := export.WriteFile(out, export.W3C, append(load(t, corpusDir), page), export.Options{}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", w3cCheck, filepath.Join("testdata", "web-annotation-tests"), out)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	got, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 {
		t.Skip("python3 has no jsonschema module")
	}
	if err != nil {
		t.Fatalf("the W3C test suite's MUSTs: %v\n%s%s", err, got, stderr.String())
	}
	t.Logf("python: %s", got)
}
