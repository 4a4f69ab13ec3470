package export_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
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
			if n.Type == model.TypePosition {
				positions++
			}
		}
	}
	// The JSONL places the actor and claim annotations that overlap no
	// other it keeps.
	for _, line := range strings.SplitAfter(strings.TrimSpace(string(render(t, export.JSONL, corpus, export.Options{}))), "\n") {
		var rec jsonlRecord
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		placed += len(rec.Entities)
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
    import jsonschema
    from jsonschema import Draft4Validator
except ImportError:
    sys.exit(3)
try:  # jsonschema 4.18 and later resolve references through a registry
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4
except ImportError:  # Debian's 4.10, as CI installs it: a RefResolver
    Registry = None

root, export = sys.argv[1], sys.argv[2]
base = "https://w3c.example/web-annotation-tests/"
defs = os.path.join(root, "definitions")
definitions = {}
for name in sorted(n for n in os.listdir(defs) if n.endswith(".json")):
    with open(os.path.join(defs, name), encoding="utf-8") as f:
        s = json.load(f)
    definitions[base + s["id"]] = s
formats = getattr(Draft4Validator, "FORMAT_CHECKER", None) or jsonschema.draft4_format_checker
def validator(schema):
    if Registry is None:
        # An assertion's "#/definitions/…" is resolved against its own id.
        store = dict(definitions)
        for inner in schema["allOf"]:
            if "id" in inner:
                store[base + inner["id"]] = inner
        resolver = jsonschema.RefResolver(schema["id"], schema, store=store)
        return Draft4Validator(schema, resolver=resolver, format_checker=formats)
    registry = Registry().with_resources(
        (uri, Resource.from_contents(d, default_specification=DRAFT4)) for uri, d in definitions.items())
    return Draft4Validator(schema, registry=registry, format_checker=formats)
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
    v = validator({"id": base + "assertion.json", "allOf": [schema]})
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

// doccanoStored is what testdata/doccano/doccano_import.py says doccano
// stores from a JSONL file.
type doccanoStored struct {
	Errors        [][2]any `json:"errors"`
	SkippedLabels int      `json:"skipped_labels"`
	DroppedSpans  int      `json:"dropped_spans"`
	Examples      []struct {
		Line      int      `json:"line"`
		Spans     [][4]any `json:"spans"` // start, end, label, text
		Relations [][5]any `json:"relations"`
	} `json:"examples"`
}

// doccanoImport runs doccano's import (the dependency-free copy) of file
// as task; it returns the exit status, what is stored and the standard
// error.
func doccanoImport(t *testing.T, python, file, task string, allowOverlapping bool) (int, doccanoStored, string) {
	t.Helper()
	cmd := exec.Command(python, filepath.Join("testdata", "doccano", "doccano_import.py"), file, task, fmt.Sprint(allowOverlapping))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	var stored doccanoStored
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), stored, strings.TrimSpace(stderr.String())
	case err != nil:
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &stored); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	return 0, stored, ""
}

// TestDoccanoImportsJSONL imports the JSONL export as doccano does, in
// each project a user can make for it — a sequence-labelling project
// (column label) and one with relation labelling (entities, relations),
// each with overlapping spans allowed or not (not, as doccano sets it up
// by default) — and checks that every span and relation is stored, with
// the text it marks, and nothing is refused, skipped or dropped. It first
// checks the import against doccano's own test data and expectations
// (testdata/doccano). It is skipped when python3 is not installed.
func TestDoccanoImportsJSONL(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	data, err := os.ReadFile(filepath.Join("testdata", "doccano", "expectations.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		File             string `json:"file"`
		Task             string `json:"task"`
		AllowOverlapping bool   `json:"allow_overlapping"`
		Source           string `json:"source"`
		Want             struct {
			Exit   int           `json:"exit"`
			Stored doccanoStored `json:"stored"`
			Stderr string        `json:"stderr"`
		} `json:"want"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		code, stored, stderr := doccanoImport(t, python, filepath.Join("testdata", "doccano", c.File), c.Task, c.AllowOverlapping)
		if code != c.Want.Exit || !reflect.DeepEqual(stored, c.Want.Stored) || stderr != c.Want.Stderr {
			t.Errorf("%s as %s, overlapping %v (%s): exit %d, %+v, %q; want exit %d, %+v, %q",
				c.File, c.Task, c.AllowOverlapping, c.Source, code, stored, stderr, c.Want.Exit, c.Want.Stored, c.Want.Stderr)
		}
	}

	// A position without a span of its own, one with its own span across
	// its claim, a mention inside a claim, a claim inside another and
	// two mentions of one name, one inside the other: every overlap the
	// coding makes.
	const text = "Anna said the plan works. Bo, of Bo's Bank, called the plan and the tax fair."
	overlaps := newItem("overlaps.txt", text,
		[]model.Actor{{ID: "a-1", Name: "Anna", Kind: model.KindPerson}, {ID: "a-2", Name: "Bo", Kind: model.KindPerson}, {ID: "a-3", Name: "Bo's Bank", Kind: model.KindOrganization}},
		[]model.Claim{{ID: "c-1", Text: "The plan works"}, {ID: "c-2", Text: "The plan and the tax are fair"}},
		mention("n-1", "a-1", spanOf(text, "Anna")),
		claimNote("n-2", "c-1", "a-1", spanOf(text, "the plan works")),
		positionNote("n-3", "a-1", "c-1", model.StanceSupport, model.Span{Start: 25, End: 25}),
		positionNote("n-4", "a-2", "c-1", model.StanceSupport, spanOf(text, "called the plan and the tax fair")),
		mention("n-5", "a-2", spanOf(text, "Bo")),
		mention("n-6", "a-3", spanOf(text, "Bo's Bank")),
		mention("n-7", "a-2", model.Span{Start: 33, End: 35}), // the "Bo" of "Bo's Bank"
		claimNote("n-8", "c-2", "a-2", spanOf(text, "the plan and the tax fair")),
		claimNote("n-9", "c-1", "a-2", spanOf(text, "the plan and")))
	dir := t.TempDir()
	for name, corpus := range map[string][]export.Item{"corpus": load(t, corpusDir), "overlaps": {overlaps}} {
		file := filepath.Join(dir, name+".jsonl")
		if err := export.WriteFile(file, export.JSONL, corpus, export.Options{}); err != nil {
			t.Fatal(err)
		}
		var recs []jsonlRecord
		for _, line := range strings.SplitAfter(strings.TrimSpace(string(render(t, export.JSONL, corpus, export.Options{}))), "\n") {
			var rec jsonlRecord
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatal(err)
			}
			recs = append(recs, rec)
		}
		for _, task := range []string{"SequenceLabeling", "RelationExtraction"} {
			for _, overlapping := range []bool{false, true} {
				what := fmt.Sprintf("%s as %s, overlapping %v", name, task, overlapping)
				code, stored, stderr := doccanoImport(t, python, file, task, overlapping)
				if code != 0 || len(stored.Errors) > 0 || stored.SkippedLabels > 0 || stored.DroppedSpans > 0 || len(stored.Examples) != len(recs) {
					t.Errorf("%s: exit %d %s, errors %v, %d labels skipped, %d spans dropped, %d of %d articles",
						what, code, stderr, stored.Errors, stored.SkippedLabels, stored.DroppedSpans, len(stored.Examples), len(recs))
					continue
				}
				for i, ex := range stored.Examples {
					rec, runes := recs[i], []rune(recs[i].Text)
					if len(ex.Spans) != len(rec.Entities) {
						t.Errorf("%s, article %d: %d spans stored, %d written", what, i+1, len(ex.Spans), len(rec.Entities))
					}
					for _, s := range ex.Spans {
						start, end := int(s[0].(float64)), int(s[1].(float64))
						if s[3] != string(runes[start:end]) {
							t.Errorf("%s: span %v is not the text %q", what, s, string(runes[start:end]))
						}
					}
					if task == "RelationExtraction" && len(ex.Relations) != len(rec.Relations) {
						t.Errorf("%s, article %d: %d relations stored, %d written", what, i+1, len(ex.Relations), len(rec.Relations))
					}
				}
			}
		}
		if name == "overlaps" {
			// Each position is a relation between spans kept.
			var stances []string
			for _, r := range recs[0].Relations {
				stances = append(stances, fmt.Sprintf("%d-%s-%d", r.From, r.Type, r.To))
			}
			t.Logf("overlaps: entities %+v, relations %v", recs[0].Entities, stances)
			for _, a := range recs[0].Annotations {
				if (a.ID == "n-3" || a.ID == "n-4") && a.Relation == 0 {
					t.Errorf("position %s has no relation: %v", a.ID, stances)
				}
			}
		}
	}
}
