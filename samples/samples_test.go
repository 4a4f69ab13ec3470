package samples

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	names := Names()
	want := []string{
		"2025-06-18-water-rights.txt",
		"2025-07-04-quotes-within-quotes.md",
		"2025-08-15-alaska-summit.txt",
		"2025-09-02-harbour-strike.md",
		"2025-10-11-tokyo-summit.txt",
		"2025-11-20-budget-debate.txt",
	}
	if !slices.Equal(names, want) {
		t.Errorf("Names() = %q, want %q", names, want)
	}
	for _, name := range names {
		if !strings.HasSuffix(name, ".txt") && !strings.HasSuffix(name, ".md") {
			t.Errorf("%s is neither .txt nor .md", name)
		}
		data, err := fs.ReadFile(FS, name)
		if err != nil || len(data) == 0 {
			t.Errorf("reading %s: %d bytes, %v", name, len(data), err)
		}
	}
}

// TestSeedUnchanged checks that the seed article is still byte for byte the
// copy of ../shared/seeds/000_5f6582d76a05fcbb.txt that the spec requires.
func TestSeedUnchanged(t *testing.T) {
	data, err := fs.ReadFile(FS, "2025-08-15-alaska-summit.txt")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got, want := hex.EncodeToString(sum[:]), "5ea0403ec760e5a3da93be1bcff612d1027cdeaef6e1ed4f8c6467545166ea10"; got != want {
		t.Errorf("seed article sha256 = %s, want %s", got, want)
	}
}
