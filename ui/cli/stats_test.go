package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestStatsCommand(t *testing.T) {
	code, stdout, stderr := cli(t, "stats", testCorpus)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"3 articles, 64 annotations: 24 actor mentions, 18 claims, 22 positions\n",
		"stances: 15 support (68%), 5 oppose (23%), 2 neutral (9%)\n",
		"         3       2          3  Vladimir Putin (person; also Putin)\n",
		"          5        4       1        0  Data should be shared openly and quickly (said by Олена Коваленко, 高橋 美咲, 林 志明)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stats output lacks %q:\n%s", want, stdout)
		}
	}

	code, stdout, _ = cli(t, "stats", "--json", filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt"))
	var s struct {
		Articles    int
		Annotations struct{ Actor, Claim, Position, Total int }
		Stances     struct{ Support, Oppose, Neutral int }
		Actors      []struct{ Name string }
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil || code != exitOK {
		t.Fatalf("exit %d, %v: %s", code, err, stdout)
	}
	if s.Articles != 1 || s.Annotations.Total != 28 || s.Stances.Support != 6 || s.Actors[0].Name != "Vladimir Putin" {
		t.Errorf("stats --json = %+v", s)
	}

	// Counting needs no article.
	lonely := t.TempDir()
	data, _ := os.ReadFile(filepath.Join(testCorpus, "2025-06-18-water-rights.txt.stance.json"))
	os.WriteFile(filepath.Join(lonely, "water.stance.json"), bytes.ReplaceAll(data, []byte("samples/"), []byte("gone/")), 0o644)
	if code, stdout, stderr := cli(t, "stats", lonely); code != exitOK || !strings.HasPrefix(stdout, "1 article, 15 annotations") {
		t.Errorf("stats without the article: exit %d, %q, %q", code, stdout, stderr)
	}
}

// The configuration's annotations folder is where stats, validate and
// export look for an article's annotations when none lie beside it.
func TestCommandsFindAnnotationsFolder(t *testing.T) {
	cfgHome, folder, articles := t.TempDir(), t.TempDir(), t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfgHome)
	os.MkdirAll(filepath.Join(cfgHome, "stance"), 0o755)
	os.WriteFile(filepath.Join(cfgHome, "stance", "config.toml"), []byte("annotations_dir = "+strconv.Quote(folder)+"\n"), 0o644)
	article := filepath.Join(articles, "2025-08-15-alaska-summit.txt")
	text, _ := os.ReadFile(filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt"))
	os.WriteFile(article, text, 0o644)
	coding, _ := os.ReadFile(filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt.stance.json"))
	os.WriteFile(filepath.Join(folder, "2025-08-15-alaska-summit.txt.stance.json"), coding, 0o644)

	if code, stdout, stderr := cli(t, "stats", article); code != exitOK || !strings.HasPrefix(stdout, "1 article, 28 annotations") {
		t.Errorf("stats: exit %d, %q, %q", code, stdout, stderr)
	}
	if code, stdout, stderr := cli(t, "validate", article); code != exitOK {
		t.Errorf("validate: exit %d, %q, %q", code, stdout, stderr)
	}
	if code, stdout, stderr := cli(t, "export", "-f", "csv", article); code != exitOK || strings.Count(stdout, "\n") < 2 {
		t.Errorf("export: exit %d, %q, %q", code, stdout, stderr)
	}
}

// A configuration file that cannot be read does not stop stats, validate or
// export: each says so in one line on stderr, naming the file's line and
// column, and looks for annotations beside the articles. Keys that clash
// are the reader's business: the annotations folder still counts.
func TestCommandsWithBrokenConfig(t *testing.T) {
	cfgHome, folder, articles := t.TempDir(), t.TempDir(), t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfgHome)
	os.MkdirAll(filepath.Join(cfgHome, "stance"), 0o755)
	cfgPath := filepath.Join(cfgHome, "stance", "config.toml")
	article := filepath.Join(articles, "2025-08-15-alaska-summit.txt")
	text, _ := os.ReadFile(filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt"))
	os.WriteFile(article, text, 0o644)
	coding, _ := os.ReadFile(filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt.stance.json"))
	os.WriteFile(filepath.Join(folder, "2025-08-15-alaska-summit.txt.stance.json"), coding, 0o644)

	os.WriteFile(cfgPath, []byte("annotations_dir = "+strconv.Quote(folder)+"\n[keys]\ntag_actor = [\"q\"]\n"), 0o644)
	if code, stdout, stderr := cli(t, "stats", article); code != exitOK || !strings.HasPrefix(stdout, "1 article, 28 annotations") || stderr != "" {
		t.Errorf("stats with clashing keys: exit %d, %q, %q", code, stdout, stderr)
	}

	os.WriteFile(cfgPath, []byte("annotations_dir = "+strconv.Quote(folder)+"\ncoder = Ana\n"), 0o644)
	want := "stance: warning: configuration ignored, annotations looked for beside the articles: " + cfgPath + ":2:9: "
	for _, args := range [][]string{{"stats", article}, {"validate", article}, {"export", "-f", "csv", article}} {
		code, _, stderr := cli(t, args...)
		if !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") < 1 {
			t.Errorf("%s: stderr %q, want it to start %q", args[0], stderr, want)
		}
		if code != exitFailure {
			// Beside the article there is nothing: each says so and fails.
			t.Errorf("%s: exit %d, want %d (no annotations beside the article)", args[0], code, exitFailure)
		}
	}
}

// writeText writes a file of the test, or fails it.
func writeText(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStatsUncoded: stats of a folder names its articles that have no
// coding at all — no annotations file, or one that holds none — in the
// human output and in --json, their names made safe for a terminal, and
// not the reports stance exported there.
func TestStatsUncoded(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(from, to string) {
		t.Helper()
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	summit := filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt")
	copyFile(summit, "summit.txt")
	copyFile(summit+".stance.json", "summit.txt.stance.json")
	copyFile(summit, "plain.txt")
	copyFile(summit, "evil\x1b[2J.txt")
	copyFile(summit, "emptied.txt")
	writeText(t, filepath.Join(dir, "emptied.txt.stance.json"), `{"schema": 1, "article": {"source": "emptied.txt"}, "actors": [], "claims": [], "annotations": []}`)
	writeText(t, filepath.Join(dir, "report.md"), "<!-- stance report -->\n\n# Summit\n")

	code, stdout, stderr := cli(t, "stats", dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	evil := filepath.Join(dir, "evil.txt") // the escape sequence stripped
	want := "3 articles have no coding: " + filepath.Join(dir, "emptied.txt") + ", " + evil + ", " + filepath.Join(dir, "plain.txt") + "\n"
	if !strings.Contains(stdout, want) {
		t.Errorf("stats does not name the uncoded articles %q:\n%s", want, stdout)
	}
	if strings.Contains(stdout, "\x1b") || strings.Contains(stdout, "report.md") {
		t.Errorf("stats prints an escape or names the report:\n%q", stdout)
	}

	code, stdout, _ = cli(t, "stats", "--json", dir)
	var s struct {
		Uncoded struct {
			Count    int
			Articles []string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil || code != exitOK {
		t.Fatalf("exit %d, %v: %s", code, err, stdout)
	}
	if s.Uncoded.Count != 3 || len(s.Uncoded.Articles) != 3 || s.Uncoded.Articles[1] != evil {
		t.Errorf("stats --json uncoded = %+v", s.Uncoded)
	}
}

// Past maxUncodedNames articles, stats counts them all and names the
// first.
func TestStatsManyUncoded(t *testing.T) {
	dir := t.TempDir()
	summit := filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt")
	for _, name := range []string{"summit.txt", "summit.txt.stance.json"} {
		data, _ := os.ReadFile(filepath.Join(testCorpus, strings.Replace(name, "summit.txt", filepath.Base(summit), 1)))
		writeText(t, filepath.Join(dir, name), string(data))
	}
	for i := range maxUncodedNames + 5 {
		writeText(t, filepath.Join(dir, fmt.Sprintf("a%02d.txt", i)), "A short article.\n")
	}
	_, stdout, _ := cli(t, "stats", dir)
	if want := fmt.Sprintf("%d articles have no coding: %s, ", maxUncodedNames+5, filepath.Join(dir, "a00.txt")); !strings.Contains(stdout, want) {
		t.Errorf("stats output lacks %q:\n%s", want, stdout)
	}
	if want := filepath.Join(dir, fmt.Sprintf("a%02d.txt", maxUncodedNames-1)) + " and 5 more\n"; !strings.Contains(stdout, want) {
		t.Errorf("stats output lacks %q:\n%s", want, stdout)
	}
}
