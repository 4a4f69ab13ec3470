package cli

import (
	"bytes"
	"encoding/json"
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
