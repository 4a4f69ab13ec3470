package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
)

// testCorpus is the export package's test corpus: three articles and their
// annotation files.
var testCorpus = filepath.Join("..", "..", "annotate", "export", "testdata", "corpus")

// goldenExport returns a golden file of the export package's tests.
func goldenExport(t *testing.T, corpus, variant, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "annotate", "export", "testdata", "TestGolden", corpus, variant, name+".golden"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// copyCorpus copies the test corpus into a new folder, so that a test may
// change it.
func copyCorpus(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := os.CopyFS(dir, os.DirFS(testCorpus)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// cli runs stance with args and returns its exit code and output.
func cli(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir()) // never the user's own coding
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// oneLine fails the test unless stderr is one line that contains want.
func oneLine(t *testing.T, stderr, want string) {
	t.Helper()
	if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("stderr %q, want one line containing %q", stderr, want)
	}
}

func TestExportToStandardOutput(t *testing.T) {
	tests := []struct {
		name            string
		args            []string
		corpus, variant string
		goldenName      string
	}{
		{"csv of a folder", []string{"export", "--format", "csv", testCorpus}, "corpus", "csv", "stance-corpus.csv"},
		{"flags after the path", []string{"export", testCorpus, "-f", "md"}, "corpus", "md", "stance-corpus.md"},
		{"an article", []string{"export", "--format=jsonl", filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt")}, "seed", "jsonl", "2025-08-15-alaska-summit.jsonl"},
		{"an annotations file", []string{"export", "--format", "W3C", filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt.stance.json")}, "seed", "w3c", "2025-08-15-alaska-summit.jsonld"},
		{"actor network", []string{"export", "--format", "graphml", "--network", "actors", testCorpus}, "corpus", "graphml-actors", "stance-corpus.graphml"},
		{"native documents", []string{"export", "--format", "json", testCorpus}, "corpus", "json", "stance-corpus.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tt.args...)
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if want := goldenExport(t, tt.corpus, tt.variant, tt.goldenName); stdout != string(want) {
				t.Errorf("stdout is not the export package's golden %s/%s", tt.variant, tt.goldenName)
			}
		})
	}
}

func TestExportToFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "events.csv")
	code, stdout, stderr := cli(t, "export", "-o", out, testCorpus) // the format from the extension
	if code != exitOK || stdout != "wrote "+out+"\n" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, goldenExport(t, "corpus", "csv", "stance-corpus.csv")) {
		t.Error("the file is not the golden CSV")
	}

	// An existing folder gets the file under its default name.
	code, stdout, _ = cli(t, "export", "--format", "dot", "-o", dir, testCorpus)
	if want := filepath.Join(dir, "stance-corpus.dot"); code != exitOK || stdout != "wrote "+want+"\n" {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}

	// A failed export leaves the old file as it was.
	broken := copyCorpus(t)
	ann := filepath.Join(broken, "2025-10-11-tokyo-summit.txt.stance.json")
	data, _ := os.ReadFile(ann)
	os.WriteFile(ann, bytes.Replace(data, []byte(`"actor": "a-b1d2e3"`), []byte(`"actor": "a-gone"`), 1), 0o644)
	code, _, stderr = cli(t, "export", "-o", out, broken)
	if code != exitFailure {
		t.Fatalf("exit %d for an invalid corpus", code)
	}
	oneLine(t, stderr, "2025-10-11-tokyo-summit.txt: n-a01b2c: actor a-gone is not in the actor registry; nothing exported ('stance validate ")
	if got, _ := os.ReadFile(out); !bytes.Equal(got, goldenExport(t, "corpus", "csv", "stance-corpus.csv")) {
		t.Error("a failed export changed the existing file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries in the output folder, want the two exports and no temporary files", len(entries))
	}
}

func TestExportBratFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "brat")
	code, stdout, stderr := cli(t, "export", "--format", "brat", "-o", out, testCorpus)
	if code != exitOK || stdout != "wrote 8 files to "+out+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(out, "2025-10-11-tokyo-summit.ann"))
	if !bytes.Equal(got, goldenExport(t, "corpus", "brat", "2025-10-11-tokyo-summit.ann")) {
		t.Error("the .ann file is not the golden one")
	}

	code, _, stderr = cli(t, "export", "--format", "brat", "-o", out, testCorpus)
	if code != exitFailure {
		t.Errorf("exit %d writing into a full folder, want %d", code, exitFailure)
	}
	oneLine(t, stderr, "brat: directory is not empty (use --force to write into it)")

	if code, _, stderr = cli(t, "export", "--format", "brat", "--force", "-o", out, testCorpus); code != exitOK {
		t.Errorf("exit %d with --force: %s", code, stderr)
	}
}

func TestExportErrors(t *testing.T) {
	stale := copyCorpus(t)
	article := filepath.Join(stale, "2025-08-15-alaska-summit.txt")
	text, _ := os.ReadFile(article)
	os.WriteFile(article, bytes.Replace(text, []byte("On Friday, the"), []byte("On Friday, after weeks of talk, the"), 1), 0o644)
	uncoded := filepath.Join(t.TempDir(), "story.txt")
	os.WriteFile(uncoded, []byte("Nobody has coded this.\n"), 0o644)

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown format", []string{"export", "--format", "xlsx", testCorpus}, exitUsage,
			`unknown format "xlsx" (want one of json, jsonl, csv, w3c, brat, graphml, dot, md, dna)`},
		{"brat to stdout", []string{"export", "--format", "brat", testCorpus}, exitUsage, "brat writes several files: name a folder with -o DIR"},
		{"network of a table", []string{"export", "--format", "csv", "--network", "actors", testCorpus}, exitUsage, "--network applies to graphml and dot only"},
		{"unknown network", []string{"export", "--format", "dot", "--network", "claims", testCorpus}, exitUsage, `unknown network "claims"`},
		{"no path", []string{"export", "--format", "csv"}, exitUsage, "no PATH given"},
		{"unknown flag", []string{"export", "--frmat", "csv", testCorpus}, exitUsage, "export: unknown flag: --frmat"},
		{"missing path", []string{"export", "--format", "csv", "nowhere.txt"}, exitFailure, "nowhere.txt: no such file or directory"},
		{"article without annotations", []string{"export", "--format", "csv", uncoded}, exitFailure, "story.txt: no annotations: it has not been coded yet"},
		{"stale annotations", []string{"export", "--format", "csv", stale}, exitFailure,
			`2025-08-15-alaska-summit.txt: the article has changed since it was coded: n-266089: "Donald Trump" is no longer at [59, 71) (and 27 more); open it in stance to re-anchor the annotations`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tt.args...)
			if code != tt.code || stdout != "" {
				t.Errorf("exit %d, stdout %q; want exit %d and nothing on stdout", code, stdout, tt.code)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q, want %q", stderr, tt.want)
			}
			if strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr has %d lines, want 1: %q", strings.Count(stderr, "\n"), stderr)
			}
			if hint := " (see stance export --help)\n"; (tt.code == exitUsage) != strings.HasSuffix(stderr, hint) {
				t.Errorf("stderr %q: a usage error, and only a usage error, ends with %q", stderr, hint)
			}
		})
	}
}

// The format is --format's, else -o's extension's, else csv on standard
// output; a format that cannot be told is a usage error that says why.
func TestExportFormatChoice(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "exports.v2")
	os.Mkdir(folder, 0o755)
	const known = ".json, .jsonl, .csv, .jsonld, .graphml, .dot, .md, .dna"
	tests := []struct {
		name    string
		args    []string // before the corpus
		out     string   // the file written, "" for standard output
		variant string   // the golden: corpus/VARIANT/stance-corpus.EXT
		code    int
		stderr  string
	}{
		{"csv by default", nil, "", "csv/stance-corpus.csv", exitOK, ""},
		{"format given", []string{"--format", "md"}, "", "md/stance-corpus.md", exitOK, ""},
		{".json", []string{"-o", filepath.Join(dir, "corpus.json")}, "corpus.json", "json/stance-corpus.json", exitOK, ""},
		{".jsonl", []string{"-o", filepath.Join(dir, "corpus.jsonl")}, "corpus.jsonl", "jsonl/stance-corpus.jsonl", exitOK, ""},
		{".jsonld in capitals", []string{"-o", filepath.Join(dir, "corpus.JSONLD")}, "corpus.JSONLD", "w3c/stance-corpus.jsonld", exitOK, ""},
		{".graphml", []string{"-o", filepath.Join(dir, "net.graphml")}, "net.graphml", "graphml/stance-corpus.graphml", exitOK, ""},
		{".dot", []string{"-o", filepath.Join(dir, "net.dot")}, "net.dot", "dot/stance-corpus.dot", exitOK, ""},
		{".md", []string{"-o", filepath.Join(dir, "report.md")}, "report.md", "md/stance-corpus.md", exitOK, ""},
		{"--format wins over the extension", []string{"--format", "csv", "-o", filepath.Join(dir, "events.json")}, "events.json", "csv/stance-corpus.csv", exitOK, ""},
		{"an unknown extension", []string{"-o", filepath.Join(dir, "events.xlsx")}, "", "", exitUsage,
			"stance: export: no format: -o " + filepath.Join(dir, "events.xlsx") + ` has the unknown extension ".xlsx"; give --format, or end OUT with one of ` + known + " (see stance export --help)\n"},
		{"no extension", []string{"-o", filepath.Join(dir, "brat")}, "", "", exitUsage,
			"stance: export: no format: -o " + filepath.Join(dir, "brat") + " has no extension to tell it by; give --format (brat always needs it), or end OUT with one of " + known + " (see stance export --help)\n"},
		{"a folder with a dot", []string{"-o", folder}, "", "", exitUsage,
			"stance: export: no format: -o " + folder + " has no extension to tell it by; give --format (brat always needs it), or end OUT with one of " + known + " (see stance export --help)\n"},
		{"--network of the default", []string{"--network", "actors"}, "", "", exitUsage,
			"stance: export: --network applies to graphml and dot only, and the format is csv, the default (see stance export --help)\n"},
		{"--network of the extension's", []string{"--network", "actors", "-o", filepath.Join(dir, "events.csv")}, "", "", exitUsage,
			"stance: export: --network applies to graphml and dot only, and the format is csv, from -o's extension (see stance export --help)\n"},
		{"--network of --format's", []string{"--network", "actors", "--format", "md"}, "", "", exitUsage,
			"stance: export: --network applies to graphml and dot only, and the format is md (see stance export --help)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, append(append([]string{"export"}, tt.args...), testCorpus)...)
			if code != tt.code || stderr != tt.stderr {
				t.Fatalf("exit %d, stderr %q; want exit %d, stderr %q", code, stderr, tt.code, tt.stderr)
			}
			if tt.variant == "" {
				if stdout != "" {
					t.Errorf("stdout %q, want nothing", stdout)
				}
				return
			}
			variant, name, _ := strings.Cut(tt.variant, "/")
			want := string(goldenExport(t, "corpus", variant, name))
			got := stdout
			if tt.out != "" {
				out := filepath.Join(dir, tt.out)
				if stdout != "wrote "+out+"\n" {
					t.Errorf("stdout %q, want %q", stdout, "wrote "+out+"\n")
				}
				data, _ := os.ReadFile(out)
				got = string(data)
			}
			if got != want {
				t.Errorf("the export is not the golden %s", tt.variant)
			}
		})
	}
	if entries, _ := os.ReadDir(folder); len(entries) != 0 {
		t.Errorf("a refused export wrote %d files into %s", len(entries), folder)
	}
}

func TestSubcommandHelp(t *testing.T) {
	code, stdout, _ := cli(t, "export", "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Usage: stance export", "json ", "jsonl ", "csv ", "w3c ", "brat ", "graphml ", "dot ", "md ", "--network", "--force",
		"\nWithout --format, the format is taken from OUT's extension: .json, .jsonl,\n.csv, .jsonld (w3c), .graphml, .dot, .md, .dna; without -o as well, it is csv,\none row per position. brat, which writes a folder, is chosen by --format only.\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("export --help lacks %q", want)
		}
	}
	for _, cmd := range []string{"stats", "validate"} {
		if code, stdout, _ := cli(t, cmd, "-h"); code != exitOK || !strings.HasPrefix(stdout, "Usage: stance "+cmd) {
			t.Errorf("%s -h: exit %d, %q", cmd, code, stdout)
		}
	}
	code, stdout, _ = cli(t, "--help")
	for _, want := range []string{"stance export", "stance stats", "stance validate"} {
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("stance --help lacks %q", want)
		}
	}
}

// TestExportByCodebookID: in a project, a corpus export has exactly one
// node per codebook actor and claim, by ID: the Putin Institute of one
// article and Vladimir Putin of the other, who share the alias "Putin",
// stay two. Outside a project the same two articles merge them by name.
func TestExportByCodebookID(t *testing.T) {
	dir := twoArticles(t, putinInstitute)
	nodes := func() []string {
		t.Helper()
		code, stdout, stderr := cli(t, "export", "--format", "graphml", dir)
		if code != exitOK || stderr != "" {
			t.Fatalf("export: exit %d, stderr %q", code, stderr)
		}
		var ids []string
		for _, m := range regexp.MustCompile(`<node id="([^"]+)"`).FindAllStringSubmatch(stdout, -1) {
			ids = append(ids, m[1])
		}
		slices.Sort(ids)
		return ids
	}
	statsActors := func() int {
		t.Helper()
		_, stdout, _ := cli(t, "stats", "--json", dir)
		var s struct{ Actors []json.RawMessage }
		json.Unmarshal([]byte(stdout), &s)
		return len(s.Actors)
	}
	if n, a := len(nodes()), statsActors(); n != 15 || a != 8 {
		t.Fatalf("outside a project: %d nodes, %d actors; want the two Putins as one (15, 8)", n, a)
	}

	if code, _, stderr := cli(t, "init", "--from", dir); code != exitOK {
		t.Fatal(stderr)
	}
	l := listing(t, dir)
	var want []string
	for _, a := range l.Actors {
		want = append(want, a.ID)
	}
	for _, x := range l.Claims {
		want = append(want, x.ID)
	}
	slices.Sort(want)
	if got := nodes(); !slices.Equal(got, want) || len(got) != 16 {
		t.Errorf("the project's export has the nodes %v, want one per codebook entity %v", got, want)
	}
	if a := statsActors(); a != 9 {
		t.Errorf("stats counts %d actors, want the codebook's 9", a)
	}

	// A copy out of date in one article: the export still has one node,
	// under the codebook's name.
	two := filepath.Join(dir, "two.txt"+annotate.FileSuffix)
	data, _ := os.ReadFile(two)
	os.WriteFile(two, []byte(strings.Replace(string(data), `"name": "Donald Trump"`, `"name": "D. Trump"`, 1)), 0o644)
	_, stdout, _ := cli(t, "export", "--format", "graphml", dir)
	if got := nodes(); !slices.Equal(got, want) || strings.Contains(stdout, "D. Trump") {
		t.Errorf("with a copy out of date: nodes %v", got)
	}
}

// stance export -o FILE.dna writes a DNA database, says on stderr, a line
// each, what DNA cannot hold, and gives the coders' password; it never
// writes to standard output, never over what it exports, never over an
// existing file without --force, and a folder it cannot write into is one
// line — in each case the files are as they were.
func TestExportDNA(t *testing.T) {
	dir := copyCorpus(t)
	article := filepath.Join(dir, "2025-08-15-alaska-summit.txt")
	out := filepath.Join(t.TempDir(), "news.dna")
	code, stdout, stderr := cli(t, "export", "-o", out, dir)
	if code != exitOK || stdout != "wrote "+out+"\nDNA asks for a coder's password: every coder's is \"stance\"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 6 || lines[1] != "stance: warning: "+out+": actor annotations (mentions) are not written: a DNA statement is a position (24)" {
		t.Errorf("stderr %q, want six lines, the second on the actor annotations", stderr)
	}
	written, _ := os.ReadFile(out)
	if !bytes.HasPrefix(written, []byte("SQLite format 3\x00")) {
		t.Fatalf("%s is not an SQLite file", out)
	}

	articleText, _ := os.ReadFile(article)
	notDir := filepath.Join(article, "news.dna")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"to standard output", []string{"export", "--format", "dna", dir}, exitUsage, "export: dna writes a database file: name it with -o FILE.dna"},
		{"over the article", []string{"export", "--format", "dna", "-o", article, dir}, exitFailure, article + " is the article being exported; write the export to another file"},
		{"over an existing file", []string{"export", "-o", out, dir}, exitFailure, out + ": the file exists, and may be a database with coding of its own; use --force to replace it"},
		{"into a file as a folder", []string{"export", "-o", notDir, dir}, exitFailure, "cannot create a file in " + article + ": not a directory"},
		{"into a missing folder", []string{"export", "-o", filepath.Join(dir, "nowhere", "news.dna"), dir}, exitFailure, "cannot create a file in " + filepath.Join(dir, "nowhere") + ": no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tt.args...)
			if code != tt.code || stdout != "" {
				t.Errorf("exit %d, stdout %q; want exit %d and nothing on stdout", code, stdout, tt.code)
			}
			oneLine(t, stderr, tt.want)
			if now, _ := os.ReadFile(article); !bytes.Equal(now, articleText) {
				t.Error("the article changed")
			}
			if now, _ := os.ReadFile(out); !bytes.Equal(now, written) {
				t.Error("the existing database changed")
			}
		})
	}

	if os.Geteuid() != 0 { // root writes into any folder
		locked := t.TempDir()
		os.Chmod(locked, 0o555)
		defer os.Chmod(locked, 0o755)
		code, _, stderr := cli(t, "export", "-o", filepath.Join(locked, "news.dna"), dir)
		if code != exitFailure {
			t.Errorf("into a read-only folder: exit %d", code)
		}
		oneLine(t, stderr, "cannot create a file in "+locked+": permission denied")
	}

	code, _, _ = cli(t, "export", "--force", "-o", out, dir)
	if now, _ := os.ReadFile(out); code != exitOK || bytes.Equal(now, written) {
		t.Errorf("--force: exit %d, the database replaced: %v", code, !bytes.Equal(now, written))
	}
}
