package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
)

// sampleDNA is DNA's sample database, kept with the DNA reader's tests.
var sampleDNA = filepath.Join("..", "..", "annotate", "dna", "testdata", "sample.dna")

// TestImportAndNetwork: stance import makes a project of DNA's sample and
// says what it made; stance network on it prints DNA's two-mode matrix, and
// the one-mode network to a file in the format of its extension.
func TestImportAndNetwork(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "climate")
	code, stdout, stderr := cli(t, "import", sampleDNA, "-o", dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("import: exit %d, stderr %q", code, stderr)
	}
	want := "7 articles, 41 statements as 40 positions, 14 actors, 6 claims; kept in the files, not shown: 1 \"Annotation\"\n"
	if !strings.HasSuffix(stdout, want) {
		t.Errorf("import said %q, want it to end %q", stdout, want)
	}
	code, stdout, stderr = cli(t, "network", dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("network: exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(stdout, "\n")
	if !strings.HasPrefix(lines[0], ",CO2 legislation will not hurt the economy.,Cap and trade is the solution.,") ||
		lines[2] != `"Energy and Environmental Analysis, Inc.",2,0,0,0,2,0` || len(lines) != 9 {
		t.Errorf("network printed:\n%s", stdout)
	}
	out := filepath.Join(t.TempDir(), "ties.graphml")
	code, stdout, _ = cli(t, "network", "--type", "onemode", "--qualifier-aggregation", "conflict", "-o", out, dir)
	data, err := os.ReadFile(out)
	if code != exitOK || err != nil || !strings.HasPrefix(string(data), "<?xml") || stdout != "wrote "+out+"\n" {
		t.Fatalf("network -o: exit %d, %q, %v", code, stdout, err)
	}
	// EPA (10 supports) and NPRA (2 opposes) on "there should be legislation".
	if !strings.Contains(string(data), "<data key=\"weight\">20</data>") {
		t.Errorf("the conflict network lacks EPA–NPRA's 20:\n%s", data)
	}
}

// TestImportErrors: a second import into the same folder, a file that is
// not a DNA database and a missing -o each fail with one line and the
// right exit code, and write nothing.
func TestImportErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "climate")
	if code, _, stderr := cli(t, "import", sampleDNA, "-o", dir); code != exitOK {
		t.Fatal(stderr)
	}
	code, _, stderr := cli(t, "import", sampleDNA, "-o", dir)
	if code != exitFailure {
		t.Errorf("import into a full folder: exit %d", code)
	}
	oneLine(t, stderr, dir+": exists and is not empty; choose a new folder")

	notes := filepath.Join(t.TempDir(), "notes.dna")
	os.WriteFile(notes, []byte("not a database"), 0o644)
	out := filepath.Join(t.TempDir(), "x")
	code, _, stderr = cli(t, "import", notes, "-o", out)
	if code != exitFailure {
		t.Errorf("import of a text file: exit %d", code)
	}
	oneLine(t, stderr, "stance: "+notes+": not a DNA database: not an SQLite file")
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed import made %s", out)
	}

	code, _, stderr = cli(t, "import", sampleDNA)
	if code != exitUsage {
		t.Errorf("import without -o: exit %d", code)
	}
	oneLine(t, stderr, "import: no output folder: give -o DIR (see stance import --help)")
}

// TestNetworkUsage: settings DNA would quietly replace are usage errors
// that name the flag.
func TestNetworkUsage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "climate")
	cli(t, "import", sampleDNA, "-o", dir)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--qualifier-aggregation", "congruence"}, "network: --qualifier-aggregation congruence with --type twomode (want ignore, subtract, combine)"},
		{[]string{"--start", "yesterday"}, `network: --start "yesterday": not a date (want YYYY-MM-DD or DD.MM.YYYY)`},
		{[]string{"--format", "xlsx"}, `network: unknown format "xlsx"`},
		{[]string{"-o", "ties.txt"}, "network: no format: -o ties.txt has no extension of a format"},
	} {
		code, _, stderr := cli(t, append(append([]string{"network"}, tc.args...), dir)...)
		if code != exitUsage {
			t.Errorf("%v: exit %d", tc.args, code)
		}
		oneLine(t, stderr, tc.want)
	}
}

// TestNetworkNoWindow: a time window longer than the data's dates makes
// no network, and says so rather than printing nothing.
func TestNetworkNoWindow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "climate")
	cli(t, "import", sampleDNA, "-o", dir)
	code, stdout, stderr := cli(t, "network", "--time-window", "months", "--window-size", "3", dir)
	if code != exitFailure || stdout != "" {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	oneLine(t, stderr, "no time window of 3 months fits between 2005-01-26 and 2005-02-16: no network")
}

// TestImportProject: stance import writes a project whose codebook lists
// DNA's 14 actors and 6 claims with their types and colours; its articles'
// copies are the codebook's; its networks are those without a codebook.
func TestImportProject(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "climate")
	if code, _, stderr := cli(t, "import", sampleDNA, "-o", dir); code != exitOK {
		t.Fatal(stderr)
	}
	l := listing(t, dir)
	if len(l.Actors) != 14 || len(l.Claims) != 6 || len(l.Unsure) != 0 {
		t.Errorf("the codebook lists %d actors, %d claims, unsure %v", len(l.Actors), len(l.Claims), l.Unsure)
	}
	if a := actorNamed(t, l, "Joel Bluestein"); a.Color != "#ff9900" || a.Positions != 4 ||
		a.Affiliation != actorNamed(t, l, "Energy and Environmental Analysis, Inc.").ID {
		t.Errorf("Bluestein: %+v", a)
	}
	cb, err := annotate.ReadCodebookFile(filepath.Join(dir, annotate.CodebookName))
	if err != nil {
		t.Fatal(err)
	}
	var dnaRecord bytes.Buffer
	if err := json.Compact(&dnaRecord, cb.Extra["dna"]); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`"statementTypes":[{"id":1,"label":"DNA Statement"`, `"name":"Coder 1"`, `"version":"3.0.7"`} {
		if !strings.Contains(dnaRecord.String(), w) {
			t.Errorf("the codebook's \"dna\" lacks %s: %s", w, dnaRecord.String())
		}
	}
	if strings.Contains(dnaRecord.String(), "assword") {
		t.Error("the codebook holds a password")
	}
	ignore, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if !strings.Contains(string(ignore), ".stance-journal.json*\n") {
		t.Errorf(".gitignore:\n%s", ignore)
	}

	code, stdout, stderr := cli(t, "validate", dir)
	if code != exitOK || stderr != "" || strings.Contains(stdout, "warning") {
		t.Errorf("validate on the import: exit %d, stderr %q:\n%s", code, stderr, stdout)
	}

	networks := func() string {
		t.Helper()
		var all strings.Builder
		for _, args := range [][]string{{"network", dir}, {"network", "--type", "onemode", "--qualifier-aggregation", "congruence", dir}} {
			code, stdout, stderr := cli(t, args...)
			if code != exitOK || stderr != "" {
				t.Fatalf("%v: exit %d, stderr %q", args, code, stderr)
			}
			all.WriteString(stdout)
		}
		return all.String()
	}
	withCodebook := networks()
	os.Rename(filepath.Join(dir, annotate.CodebookName), filepath.Join(t.TempDir(), "aside.json"))
	if without := networks(); withCodebook != without {
		t.Errorf("the networks differ with the codebook:\n%s\nwithout:\n%s", withCodebook, without)
	}
}

// TestNetworkEmptySaysWhy: positions whose actors are all persons make
// no network of organizations; stance network printed nothing at all.
func TestNetworkEmptySaysWhy(t *testing.T) {
	dir, article := teamFolder(t, "oppose")
	coded := article + ".stance.alice.json"
	code, stdout, stderr := cli(t, "network", coded)
	if code != exitOK || strings.TrimSpace(stdout) != "" {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	oneLine(t, stderr, "network: empty: none of the 1 position has both a --variable1 organization and a --variable2 concept")
	if _, stdout, _ := cli(t, "network", "--variable1", "person", coded); !strings.Contains(stdout, "Volodymyr Zelenskyy") {
		t.Errorf("--variable1 person: %q (in %s)", stdout, dir)
	}
}
