package export_test

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"stance/annotate"
	"stance/annotate/export"
	"stance/model"
)

// These tests read every format back with a reader that knows nothing of
// the writer (encoding/csv, encoding/json, encoding/xml, a brat standoff
// parser, goldmark, Graphviz), and check the offsets against the articles'
// text in code points.

// render returns the single file of a single-file format.
func render(t *testing.T, f export.Format, corpus []export.Item, opts export.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := export.Write(&buf, f, corpus, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// annotationsByID indexes every annotation of the corpus, with the text of
// its article.
type located struct {
	n    model.Annotation
	text []rune
}

func annotationsByID(corpus []export.Item) map[string]located {
	out := map[string]located{}
	for _, it := range corpus {
		for _, n := range it.Doc.Annotations {
			out[n.ID] = located{n, it.Article.Runes()}
		}
	}
	return out
}

func positionCount(corpus []export.Item) int {
	n := 0
	for _, it := range corpus {
		for _, a := range it.Doc.Annotations {
			if a.Type == model.TypePosition {
				n++
			}
		}
	}
	return n
}

func TestCSVReadsBack(t *testing.T) {
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			corpus := load(t, c.paths...)
			data := render(t, export.CSV, corpus, export.Options{})
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatalf("encoding/csv cannot read the export: %v", err)
			}
			header := rows[0]
			want := []string{"statement_id", "date", "title", "publication", "url", "source", "actor", "actor_kind", "claim", "stance", "start", "end", "quote", "note", "author"}
			if !slices.Equal(header, want) {
				t.Fatalf("header = %q, want %q", header, want)
			}
			if got, want := len(rows)-1, positionCount(corpus); got != want {
				t.Errorf("%d rows, want one per position: %d", got, want)
			}
			// RFC 4180: records end in CRLF; a line break inside a
			// quote stays what it is in the article.
			if got, want := bytes.Count(data, []byte("\r\n")), len(rows); got != want {
				t.Errorf("%d CRLF record ends, want %d", got, want)
			}
			byID := annotationsByID(corpus)
			col := func(name string) int { return slices.Index(header, name) }
			for _, r := range rows[1:] {
				loc, ok := byID[r[col("statement_id")]]
				if !ok || loc.n.Type != model.TypePosition {
					t.Errorf("row %q is not a position", r[0])
					continue
				}
				start, _ := strconv.Atoi(r[col("start")])
				end, _ := strconv.Atoi(r[col("end")])
				if got := string(loc.text[start:end]); got != r[col("quote")] || got != loc.n.Quote {
					t.Errorf("%s: text[%d:%d] = %q, quote column %q", r[0], start, end, got, r[col("quote")])
				}
				if r[col("note")] != loc.n.Note || r[col("stance")] != string(loc.n.Stance) {
					t.Errorf("%s: note %q, stance %q; want %q, %q", r[0], r[col("note")], r[col("stance")], loc.n.Note, loc.n.Stance)
				}
				if r[col("author")] != loc.n.Author {
					t.Errorf("%s: author %q, want %q", r[0], r[col("author")], loc.n.Author)
				}
			}
		})
	}
}

func TestCSVMergesAcrossArticles(t *testing.T) {
	corpus := load(t, corpusDir)
	rows, err := csv.NewReader(bytes.NewReader(render(t, export.CSV, corpus, export.Options{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The claim is "data should be  shared openly and quickly" in the
	// Tokyo article and "Data should be shared openly and quickly" in the
	// water-rights one: one claim, under the wording seen first.
	var titles []string
	for _, r := range rows[1:] {
		if strings.EqualFold(model.OneLine(r[8]), "data should be shared openly and quickly") {
			if r[8] != "Data should be shared openly and quickly" {
				t.Errorf("%s: claim %q, want the merged wording", r[0], r[8])
			}
			if !slices.Contains(titles, r[2]) {
				titles = append(titles, r[2])
			}
		}
	}
	if len(titles) != 2 {
		t.Errorf("the merged claim's rows come from %q, want two articles", titles)
	}
}

// jsonlRecord is a doccano record.
type jsonlRecord struct {
	Text      string        `json:"text"`
	Label     [][3]any      `json:"label"`
	Entities  []jsonlEntity `json:"entities"`
	Relations []struct {
		ID   int    `json:"id"`
		From int    `json:"from_id"`
		To   int    `json:"to_id"`
		Type string `json:"type"`
	} `json:"relations"`
	Annotations []struct {
		ID       string `json:"id"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		Entity   int    `json:"entity_id"`
		Relation int    `json:"relation_id"`
		Author   string `json:"author"`
	} `json:"annotations"`
}

type jsonlEntity struct {
	ID    int    `json:"id"`
	Label string `json:"label"`
	Start int    `json:"start_offset"`
	End   int    `json:"end_offset"`
}

func TestJSONLReadsBack(t *testing.T) {
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			corpus := load(t, c.paths...)
			data := render(t, export.JSONL, corpus, export.Options{})
			lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
			if len(lines) != len(corpus) {
				t.Fatalf("%d lines, want one per article: %d", len(lines), len(corpus))
			}
			byID := annotationsByID(corpus)
			for i, line := range lines {
				var rec jsonlRecord
				dec := json.NewDecoder(strings.NewReader(line))
				if err := dec.Decode(&rec); err != nil || dec.More() {
					t.Fatalf("line %d is not one JSON object: %v", i+1, err)
				}
				if rec.Text != corpus[i].Article.Text {
					t.Errorf("line %d: text is not the article's normalised text", i+1)
				}
				runes := []rune(rec.Text)
				entity := map[int]jsonlEntity{}
				for j, e := range rec.Entities {
					entity[e.ID] = e
					// doccano's default project drops a span that
					// overlaps an earlier one.
					if j > 0 && e.Start < rec.Entities[j-1].End {
						t.Errorf("line %d: entity %d overlaps entity %d", i+1, e.ID, rec.Entities[j-1].ID)
					}
					// A sequence-labelling project reads the same spans
					// from label.
					if j >= len(rec.Label) || fmt.Sprint(rec.Label[j]) != fmt.Sprint([3]any{float64(e.Start), float64(e.End), e.Label}) {
						t.Errorf("line %d: label %v is not entity %+v", i+1, rec.Label, e)
					}
				}
				if len(rec.Label) != len(rec.Entities) {
					t.Errorf("line %d: %d labels, %d entities", i+1, len(rec.Label), len(rec.Entities))
				}
				relation := map[int]int{} // relation ID → index
				for j, r := range rec.Relations {
					relation[r.ID] = j
				}
				for _, a := range rec.Annotations {
					n := byID[a.ID].n
					if a.Author != n.Author || a.Start != n.Span.Start || a.End != n.Span.End {
						t.Errorf("%s: author %q, span [%d, %d); want %q, %v", a.ID, a.Author, a.Start, a.End, n.Author, n.Span)
					}
					if e, ok := entity[a.Entity]; ok {
						if got := string(runes[e.Start:e.End]); got != n.Quote || e.Label != string(n.Type) {
							t.Errorf("%s: %s entity text[%d:%d] = %q, want %s %q", a.ID, e.Label, e.Start, e.End, got, n.Type, n.Quote)
						}
					}
					// A position is a relation from a mention of its actor
					// to an annotation of its claim, typed by its stance.
					if n.Type != model.TypePosition {
						continue
					}
					j, ok := relation[a.Relation]
					if !ok {
						t.Errorf("%s: a position with no relation", a.ID)
						continue
					}
					r := rec.Relations[j]
					from, to := annotationOf(rec, r.From), annotationOf(rec, r.To)
					if r.Type != string(n.Stance) || byID[from].n.Actor != n.Actor || byID[to].n.Type != model.TypeClaim || byID[to].n.Claim != n.Claim {
						t.Errorf("%s: relation %+v from %s to %s, want %s's mention %s the claim %s", a.ID, r, from, to, n.Actor, n.Stance, n.Claim)
					}
				}
				for _, r := range rec.Relations {
					if r.Type == "speaker" && (entity[r.From].Label != "actor" || entity[r.To].Label != "claim") {
						t.Errorf("relation %d: speaker from %q to %q", r.ID, entity[r.From].Label, entity[r.To].Label)
					}
				}
			}
		})
	}
}

// annotationOf returns the ID of the annotation whose entity is entity.
func annotationOf(rec jsonlRecord, entity int) string {
	for _, a := range rec.Annotations {
		if a.Entity == entity {
			return a.ID
		}
	}
	return ""
}

func TestW3CReadsBack(t *testing.T) {
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			corpus := load(t, c.paths...)
			var coll map[string]any
			if err := json.Unmarshal(render(t, export.W3C, corpus, export.Options{}), &coll); err != nil {
				t.Fatal(err)
			}
			ctx, _ := coll["@context"].([]any)
			if len(ctx) == 0 || ctx[0] != "http://www.w3.org/ns/anno.jsonld" {
				t.Errorf("@context = %v, want the Web Annotation context first", coll["@context"])
			}
			if coll["type"] != "AnnotationCollection" || !isIRI(coll["id"]) {
				t.Errorf("collection type %v, id %v", coll["type"], coll["id"])
			}
			page, _ := coll["first"].(map[string]any)
			items, _ := page["items"].([]any)
			total := 0
			sources := map[string][]rune{}
			pages := map[string]string{} // digest IRI → the article's URL
			for _, it := range corpus {
				total += len(it.Doc.Annotations)
				sum, _ := hex.DecodeString(it.Article.SHA256())
				iri := "ni:///sha-256;" + base64.RawURLEncoding.EncodeToString(sum)
				sources[iri] = it.Article.Runes()
				pages[iri] = cmp.Or(it.Doc.Article.URL, it.Article.Meta.URL)
			}
			if page["type"] != "AnnotationPage" || len(items) != total || coll["total"] != float64(total) {
				t.Fatalf("page %v with %d items, total %v; want %d", page["type"], len(items), coll["total"], total)
			}
			byID := annotationsByID(corpus)
			for _, raw := range items {
				a := raw.(map[string]any)
				if a["type"] != "Annotation" || !isIRI(a["id"]) {
					t.Errorf("item type %v, id %v", a["type"], a["id"])
				}
				id := a["id"].(string)
				var creator any
				if author := byID[id[strings.LastIndex(id, ":")+1:]].n.Author; author != "" {
					creator = map[string]any{"type": "Person", "name": author}
				}
				if got := a["creator"]; !reflect.DeepEqual(got, creator) {
					t.Errorf("%v: creator %v, want %v", a["id"], got, creator)
				}
				bodies, _ := a["body"].([]any)
				if len(bodies) == 0 || bodies[0].(map[string]any)["type"] != "TextualBody" {
					t.Errorf("%v: body %v", a["id"], a["body"])
				}
				// Taken out of the collection, an annotation keeps its
				// context (the model's §3.1).
				if ctx, _ := a["@context"].([]any); len(ctx) == 0 || ctx[0] != "http://www.w3.org/ns/anno.jsonld" {
					t.Errorf("%v: @context = %v, want the Web Annotation context first", a["id"], a["@context"])
				}
				// An article with a URL is targeted on its page first,
				// then by its digest; the selectors are the same.
				targets, ok := a["target"].([]any)
				if !ok {
					targets = []any{a["target"]}
				}
				target := targets[len(targets)-1].(map[string]any)
				runes, ok := sources[target["source"].(string)]
				if !ok {
					t.Fatalf("%v: source %v is no article's digest", a["id"], target["source"])
				}
				if page := pages[target["source"].(string)]; page != "" {
					onPage, _ := targets[0].(map[string]any)
					if len(targets) != 2 || onPage["source"] != page || !reflect.DeepEqual(onPage["selector"], target["selector"]) {
						t.Errorf("%v: targets %v, want the page %s with the digest's selectors, then the digest", a["id"], targets, page)
					}
				} else if len(targets) != 1 {
					t.Errorf("%v: %d targets for an article without a URL", a["id"], len(targets))
				}
				var quote, pos map[string]any
				for _, s := range target["selector"].([]any) {
					s := s.(map[string]any)
					switch s["type"] {
					case "TextQuoteSelector":
						quote = s
					case "TextPositionSelector":
						pos = s
					}
				}
				start, end := int(pos["start"].(float64)), int(pos["end"].(float64))
				prefix, suffix := []rune(quote["prefix"].(string)), []rune(quote["suffix"].(string))
				if got := string(runes[start:end]); got != quote["exact"] {
					t.Errorf("%v: text[%d:%d] = %q, exact %q", a["id"], start, end, got, quote["exact"])
				}
				if string(runes[start-len(prefix):start]) != string(prefix) || string(runes[end:end+len(suffix)]) != string(suffix) {
					t.Errorf("%v: prefix %q or suffix %q is not around [%d, %d)", a["id"], string(prefix), string(suffix), start, end)
				}
			}
		})
	}
}

func isIRI(v any) bool {
	s, ok := v.(string)
	return ok && regexp.MustCompile(`^[a-z][a-z0-9+.-]*:\S+$`).MatchString(s)
}

// standoff is a brat annotation file as a standoff reader sees it.
type standoff struct {
	textBound map[string]bratSpan // T lines
	lines     []string
}

type bratSpan struct {
	typ   string
	frags [][2]int
	text  string
}

// parseStandoff reads a .ann file, checking the shape of every line.
func parseStandoff(t *testing.T, ann string) standoff {
	t.Helper()
	s := standoff{textBound: map[string]bratSpan{}}
	ids := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(ann, "\n"), "\n") {
		fields := strings.SplitN(line, "\t", 3)
		if len(fields) < 2 || ids[fields[0]] {
			t.Fatalf("bad or duplicate line %q", line)
		}
		ids[fields[0]] = true
		s.lines = append(s.lines, line)
		if !strings.HasPrefix(fields[0], "T") {
			continue
		}
		typ, offsets, _ := strings.Cut(fields[1], " ")
		sp := bratSpan{typ: typ, text: fields[2]}
		for _, frag := range strings.Split(offsets, ";") {
			var a, b int
			if _, err := fmt.Sscanf(frag, "%d %d", &a, &b); err != nil {
				t.Fatalf("bad offsets in %q", line)
			}
			sp.frags = append(sp.frags, [2]int{a, b})
		}
		s.textBound[fields[0]] = sp
	}
	// Every reference is to a line that exists.
	for _, line := range s.lines {
		for _, ref := range regexp.MustCompile(`(?:^|[ :])([TERA]\d+)\b`).FindAllStringSubmatch(strings.SplitN(line, "\t", 3)[1], -1) {
			if !ids[ref[1]] {
				t.Errorf("%q refers to %s, which is not in the file", line, ref[1])
			}
		}
	}
	return s
}

func TestBratReadsBack(t *testing.T) {
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			corpus := load(t, c.paths...)
			dir := filepath.Join(t.TempDir(), "brat")
			if _, err := export.WriteDir(dir, export.Brat, corpus, export.Options{}); err != nil {
				t.Fatal(err)
			}
			for _, conf := range []string{"annotation.conf", "visual.conf"} {
				if _, err := os.Stat(filepath.Join(dir, conf)); err != nil {
					t.Error(err)
				}
			}
			anns, _ := filepath.Glob(filepath.Join(dir, "*.ann"))
			if len(anns) != len(corpus) {
				t.Fatalf("%d .ann files, want %d", len(anns), len(corpus))
			}
			for _, annPath := range anns {
				txt, err := os.ReadFile(strings.TrimSuffix(annPath, ".ann") + ".txt")
				if err != nil {
					t.Fatal(err)
				}
				ann, _ := os.ReadFile(annPath)
				runes := []rune(string(txt)) // as Python's str counts
				s := parseStandoff(t, string(ann))
				for id, sp := range s.textBound {
					var parts []string
					for _, f := range sp.frags {
						parts = append(parts, string(runes[f[0]:f[1]]))
					}
					if got := strings.Join(parts, " "); got != sp.text {
						t.Errorf("%s %s: text at %v is %q, the line says %q", filepath.Base(annPath), id, sp.frags, got, sp.text)
					}
				}
			}
		})
	}
}

func TestBratSplitsSpansAtLineBreaks(t *testing.T) {
	corpus := load(t, filepath.Join(corpusDir, seedName))
	files, err := export.Files(export.Brat, corpus, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ann := string(files[slices.IndexFunc(files, func(f export.File) bool { return strings.HasSuffix(f.Name, ".ann") })].Data)
	// Position n-a7c5e9 runs from one paragraph into the next.
	want := "\tPosition 830 858;860 900\trelations, reported Reuters. However, he reiterated Moscow's position\n"
	if !strings.Contains(ann, want) {
		t.Errorf(".ann lacks the fragmented span %q", want)
	}
}

// graphML is the part of GraphML the tests read.
type graphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string      `xml:"edgedefault,attr"`
		Nodes       []graphElem `xml:"node"`
		Edges       []graphElem `xml:"edge"`
	} `xml:"graph"`
}

type graphElem struct {
	ID     string `xml:"id,attr"`
	Source string `xml:"source,attr"`
	Target string `xml:"target,attr"`
	Data   []struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	} `xml:"data"`
}

func (e graphElem) get(key string) string {
	for _, d := range e.Data {
		if d.Key == key {
			return d.Value
		}
	}
	return ""
}

func (e graphElem) num(t *testing.T, key string) int {
	n, err := strconv.Atoi(e.get(key))
	if err != nil {
		t.Errorf("%s: %s = %q is not a number", e.ID, key, e.get(key))
	}
	return n
}

func TestGraphMLReadsBack(t *testing.T) {
	for _, c := range corpora {
		for _, network := range []export.Network{export.NetworkTwoMode, export.NetworkActors} {
			t.Run(c.name+"/"+string(network), func(t *testing.T) {
				corpus := load(t, c.paths...)
				var g graphML
				if err := xml.Unmarshal(render(t, export.GraphML, corpus, export.Options{Network: network}), &g); err != nil {
					t.Fatalf("encoding/xml: %v", err)
				}
				declared := map[string]string{}
				for _, k := range g.Keys {
					declared[k.ID] = k.For
				}
				nodes := map[string]graphElem{}
				for _, n := range g.Graph.Nodes {
					nodes[n.ID] = n
					for _, d := range n.Data {
						if declared[d.Key] != "node" {
							t.Errorf("node %s: key %q is not declared for nodes", n.ID, d.Key)
						}
					}
				}
				if len(nodes) != len(g.Graph.Nodes) {
					t.Errorf("duplicate node IDs")
				}
				for _, e := range g.Graph.Edges {
					src, okS := nodes[e.Source]
					dst, okT := nodes[e.Target]
					if !okS || !okT {
						t.Fatalf("edge %s joins %q and %q, not both nodes", e.ID, e.Source, e.Target)
					}
					if network == export.NetworkActors {
						if src.get("type") != "actor" || dst.get("type") != "actor" {
							t.Errorf("edge %s is not between actors", e.ID)
						}
						if e.num(t, "weight") != e.num(t, "congruence")-e.num(t, "conflict") {
							t.Errorf("edge %s: weight is not congruence − conflict", e.ID)
						}
						continue
					}
					if src.get("bipartite") != "0" || dst.get("bipartite") != "1" {
						t.Errorf("edge %s does not run from an actor to a claim", e.ID)
					}
					sup, opp, neu := e.num(t, "support"), e.num(t, "oppose"), e.num(t, "neutral")
					if sup+opp+neu == 0 || e.num(t, "weight") != sup-opp {
						t.Errorf("edge %s: %d/%d/%d, weight %s", e.ID, sup, opp, neu, e.get("weight"))
					}
				}
			})
		}
	}
}

func TestGraphMLMergesActorsAndClaims(t *testing.T) {
	corpus := load(t, corpusDir)
	var g graphML
	if err := xml.Unmarshal(render(t, export.GraphML, corpus, export.Options{}), &g); err != nil {
		t.Fatal(err)
	}
	var claimNodes int
	degree := map[string]int{}
	for _, n := range g.Graph.Nodes {
		if n.get("label") == "Data should be shared openly and quickly" {
			claimNodes++
		}
	}
	for _, e := range g.Graph.Edges {
		degree[e.Target]++
	}
	if claimNodes != 1 || degree["c-aa1122"] != 5 {
		t.Errorf("the shared claim is %d nodes with %d edges; want 1 node, held by 5 actors across two articles", claimNodes, degree["c-aa1122"])
	}
}

func TestDOTRendersWithGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz (dot) is not installed")
	}
	for _, c := range corpora {
		for _, network := range []export.Network{export.NetworkTwoMode, export.NetworkActors} {
			corpus := load(t, c.paths...)
			cmd := exec.Command(dot, "-Tsvg")
			cmd.Stdin = bytes.NewReader(render(t, export.DOT, corpus, export.Options{Network: network}))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil || stderr.Len() > 0 || !bytes.Contains(out, []byte("<svg")) {
				t.Errorf("%s %s: dot -Tsvg: %v %s", c.name, network, err, stderr.String())
			}
			// Every label reaches the drawing intact, CJK included.
			for _, name := range []string{"Donald Trump", "高橋 美咲", "ليلى حداد"} {
				if c.name == "corpus" && !bytes.Contains(out, []byte(name)) {
					t.Errorf("%s %s: the SVG lacks %q", c.name, network, name)
				}
			}
		}
	}
}

func TestDOTStructure(t *testing.T) {
	corpus := load(t, corpusDir)
	out := string(render(t, export.DOT, corpus, export.Options{}))
	// One node statement per actor and claim, one edge per actor–claim
	// pair; every statement is a quoted ID, optional "-- ID", attributes.
	stmt := regexp.MustCompile(`^  "(?:[^"\\]|\\.)*"(?: -- "(?:[^"\\]|\\.)*")? \[.*\];$`)
	var nodes, edges int
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, `  "`) {
			continue
		}
		if !stmt.MatchString(line) {
			t.Errorf("malformed statement %q", line)
		}
		if strings.Contains(line, `" -- "`) {
			edges++
		} else {
			nodes++
		}
	}
	var g graphML
	if err := xml.Unmarshal(render(t, export.GraphML, corpus, export.Options{}), &g); err != nil {
		t.Fatal(err)
	}
	if nodes != len(g.Graph.Nodes) || edges != len(g.Graph.Edges) {
		t.Errorf("DOT has %d nodes and %d edges, GraphML %d and %d", nodes, edges, len(g.Graph.Nodes), len(g.Graph.Edges))
	}
}

func TestMarkdownReadsBack(t *testing.T) {
	corpus := load(t, corpusDir)
	src := render(t, export.Markdown, corpus, export.Options{})
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	doc := md.Parser().Parse(text.NewReader(src))
	var headings []string
	var tables [][]string // first column of each table's body
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, string(n.Lines().Value(src)))
		case *extast.Table:
			var col []string
			for row := n.FirstChild(); row != nil; row = row.NextSibling() {
				if _, ok := row.(*extast.TableRow); ok {
					col = append(col, plainText(row.FirstChild(), src))
				}
			}
			tables = append(tables, col)
		}
		return ast.WalkContinue, nil
	})
	for _, h := range []string{"stance report: 3 articles", "Actors", "Claims", "Positions", "Data should be shared openly and quickly"} {
		if !slices.Contains(headings, h) {
			t.Errorf("no heading %q in %q", h, headings)
		}
	}
	if len(tables) != 3 {
		t.Fatalf("%d tables, want articles, actors and claims", len(tables))
	}
	actors := tables[1]
	for _, name := range []string{"高橋 美咲", "ليلى حداد", "Trump's supporters"} {
		if !slices.Contains(actors, name) {
			t.Errorf("actors table %q lacks %q", actors, name)
		}
	}
	if claims := tables[2]; !slices.Contains(claims, `The "root causes" of the war must be addressed before peace`) {
		t.Errorf("claims table %q lacks the root causes claim", claims)
	}
}

// plainText returns the text of a node's inline children, as a reader of
// the rendered Markdown sees it (escapes resolved).
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TestNonASCIIOffsets follows one span, "👨‍👩‍👧, with the words 「未来のために」"
// (a five-code-point emoji sequence and CJK, after more CJK and emoji
// earlier in the article), through every span format: each must give its
// start in code points, which differs here from bytes and from UTF-16
// units.
func TestNonASCIIOffsets(t *testing.T) {
	corpus := load(t, filepath.Join(corpusDir, "2025-10-11-tokyo-summit.txt"))
	art := corpus[0].Article
	phrase := "👨‍👩‍👧, with the words 「未来のために」"
	want := find(t, art, phrase, "")
	byteOff := strings.Index(art.Text, phrase)
	utf16Off := 0
	for _, r := range art.Text[:byteOff] {
		utf16Off += len(string(r)) / 4 * 2 // 2 units for 4-byte (astral) runes
		if len(string(r)) < 4 {
			utf16Off++
		}
	}
	if want.Start == byteOff || want.Start == utf16Off {
		t.Fatalf("the test span does not tell the units apart: %d %d %d", want.Start, byteOff, utf16Off)
	}

	// CSV: the position n-a21d2e.
	rows, err := csv.NewReader(bytes.NewReader(render(t, export.CSV, corpus, export.Options{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r[0] == "n-a21d2e" && (r[10] != strconv.Itoa(want.Start) || r[11] != strconv.Itoa(want.End) || r[12] != phrase) {
			t.Errorf("CSV: %q, want [%d, %d) %q", r[10:13], want.Start, want.End, phrase)
		}
	}
	// JSONL: the claim n-a20d1e's entity.
	var rec jsonlRecord
	if err := json.Unmarshal(render(t, export.JSONL, corpus, export.Options{}), &rec); err != nil {
		t.Fatal(err)
	}
	for _, a := range rec.Annotations {
		if a.ID == "n-a20d1e" {
			e := rec.Entities[a.Entity-1]
			if e.Start != want.Start || e.End != want.End {
				t.Errorf("JSONL: [%d, %d), want %v", e.Start, e.End, want)
			}
		}
	}
	// brat and W3C.
	files, err := export.Files(export.Brat, corpus, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	line := fmt.Sprintf("\tClaim %d %d\t%s\n", want.Start, want.End, phrase)
	if !bytes.Contains(files[3].Data, []byte(line)) {
		t.Errorf("brat lacks %q", line)
	}
	var coll struct {
		First struct {
			Items []struct {
				ID string `json:"id"`
				// The Tokyo article has a URL: its page, then its digest.
				Target []struct {
					Selector []struct {
						Type  string `json:"type"`
						Exact string `json:"exact"`
						Start int    `json:"start"`
						End   int    `json:"end"`
					} `json:"selector"`
				} `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(render(t, export.W3C, corpus, export.Options{}), &coll); err != nil {
		t.Fatal(err)
	}
	for _, it := range coll.First.Items {
		if !strings.HasSuffix(it.ID, ":n-a20d1e") {
			continue
		}
		sel := it.Target[0].Selector
		if len(it.Target) != 2 || len(sel) != 2 || sel[0].Exact != phrase || sel[1].Start != want.Start || sel[1].End != want.End {
			t.Errorf("W3C selectors %+v, want %q at %v", sel, phrase, want)
		}
	}
}

func TestJSONReadsBack(t *testing.T) {
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			corpus := load(t, c.paths...)
			data := render(t, export.JSON, corpus, export.Options{})
			docs := []json.RawMessage{data}
			if len(corpus) > 1 {
				if err := json.Unmarshal(data, &docs); err != nil {
					t.Fatal(err)
				}
			}
			if len(docs) != len(corpus) {
				t.Fatalf("%d documents, want %d", len(docs), len(corpus))
			}
			for i, raw := range docs {
				doc, err := annotate.Decode("export", raw)
				if err != nil {
					t.Fatal(err)
				}
				if ps := annotate.Validate(doc, corpus[i].Article); len(ps) > 0 {
					t.Errorf("document %d: %v", i, ps)
				}
				if len(doc.Annotations) != len(corpus[i].Doc.Annotations) {
					t.Errorf("document %d has %d annotations, want %d", i, len(doc.Annotations), len(corpus[i].Doc.Annotations))
				}
			}
		})
	}
}
