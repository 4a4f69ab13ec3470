package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidateCommand(t *testing.T) {
	code, stdout, stderr := cli(t, "validate", testCorpus)
	if code != exitOK || stderr != "" || strings.Count(stdout, ": ok (") != 3 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	dir := copyCorpus(t)
	// Tokyo: a dangling actor and a quote that is not the text.
	tokyo := filepath.Join(dir, "2025-10-11-tokyo-summit.txt.stance.json")
	data, _ := os.ReadFile(tokyo)
	data = bytes.Replace(data, []byte(`"actor": "a-b1d2e3"`), []byte(`"actor": "a-gone"`), 1)
	data = bytes.Replace(data, []byte(`"quote": "Takahashi Misaki"`), []byte(`"quote": "Misaki Takahashi"`), 1)
	os.WriteFile(tokyo, data, 0o644)
	// Alaska: the article changed under the annotations.
	article := filepath.Join(dir, "2025-08-15-alaska-summit.txt")
	text, _ := os.ReadFile(article)
	os.WriteFile(article, bytes.Replace(text, []byte("On Friday, the"), []byte("On Friday, after weeks of talk, the"), 1), 0o644)
	// And a file that is not JSON at all.
	os.WriteFile(filepath.Join(dir, "broken.txt.stance.json"), []byte("{\n  \"schema\": 1,\n  \"actors\": [}\n"), 0o644)

	code, stdout, stderr = cli(t, "validate", dir)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	oneLine(t, stderr, "validate: 4 problems in 3 of 4 files")
	for _, want := range []string{
		filepath.Join(dir, "2025-06-18-water-rights.txt.stance.json") + ": ok (15 annotations)\n",
		tokyo + ": n-a01b2c: actor a-gone is not in the actor registry\n",
		tokyo + ": n-a02b3c: quote \"Misaki Takahashi\" does not match the article's text \"Takahashi Misaki\" at [549, 565)\n",
		filepath.Join(dir, "broken.txt.stance.json") + ":3:14: invalid character '}' looking for beginning of value\n",
		filepath.Join(dir, "2025-08-15-alaska-summit.txt.stance.json") + ": 28 annotations are no longer at their offsets: the article has changed since it was coded",
		filepath.Join(dir, "2025-08-15-alaska-summit.txt.stance.json") + ": n-266089: warning: ",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate output lacks %q:\n%s", want, stdout)
		}
	}

	if code, _, stderr := cli(t, "validate"); code != exitUsage || !strings.Contains(stderr, "no PATH given") {
		t.Errorf("validate without a path: exit %d, %q", code, stderr)
	}
}
