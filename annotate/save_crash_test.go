package annotate_test

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stance/annotate"
)

// TestCrashSafeSaves is issue 4's kill loop: a child process saves a
// growing document in a loop through Document.Save and is killed with
// SIGKILL at a random moment, again and again (200 times, or
// $STANCE_KILLS). After every kill the file must parse, validate against
// the article, and be exactly the last version whose save completed or the
// one whose save was under way; and CleanTemp must remove every temporary
// file the killed save left.
func TestCrashSafeSaves(t *testing.T) {
	kills := killCount(t, 200)
	art, err := seedArticle()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, seedName+annotate.FileSuffix)
	rng := rand.New(rand.NewPCG(7, uint64(time.Now().UnixNano())))

	var current string // digest of the file's contents ("" while there is none)
	var saves, inFlightKills, leftovers, cleaned, newVersionAfterKill int
	for k := range kills {
		c := startChild(t, "saver", path)
		c.expect(t, "ready")
		// Half the kills land a random time into the loop, half just after
		// a save has begun, when a torn file is most likely.
		delay := time.Duration(rng.IntN(20_000)) * time.Microsecond
		afterBegin := rng.IntN(2) == 0
		var inFlight string
		follow := func(line string) {
			verb, digest, _ := strings.Cut(line, " ")
			switch verb {
			case "begin":
				inFlight = digest
			case "done":
				current, inFlight = digest, ""
				saves++
			}
		}
		deadline := time.After(delay)
	watch:
		for {
			select {
			case line, ok := <-c.lines:
				if !ok {
					t.Fatalf("kill %d: the saver exited by itself", k)
				}
				follow(line)
				if afterBegin && strings.HasPrefix(line, "begin ") {
					time.Sleep(time.Duration(rng.IntN(1500)) * time.Microsecond)
					break watch
				}
			case <-deadline:
				if !afterBegin {
					break watch
				}
			}
		}
		c.kill(t, follow)

		data, err := os.ReadFile(path)
		if os.IsNotExist(err) && current == "" {
			continue // killed before the first save finished
		}
		if err != nil {
			t.Fatalf("kill %d: %v", k, err)
		}
		sum := sha256.Sum256(data)
		got := hex.EncodeToString(sum[:])
		switch got {
		case current:
		case inFlight:
			// The rename happened; the kill came before "done".
			current = got
			newVersionAfterKill++
		default:
			t.Fatalf("kill %d: the file (%d bytes, sha256 %s) is neither the last saved version %s nor the one being saved %s",
				k, len(data), got[:12], short(current), short(inFlight))
		}
		if inFlight != "" {
			inFlightKills++
		}
		doc, err := annotate.Decode(path, data)
		if err != nil {
			t.Fatalf("kill %d: %v", k, err)
		}
		if ps := annotate.Validate(doc, art); len(ps) > 0 {
			t.Fatalf("kill %d: the file does not validate: %s", k, ps[0])
		}

		temps, _ := filepath.Glob(filepath.Join(dir, "."+filepath.Base(path)+".tmp-*"))
		leftovers += len(temps)
		n, err := annotate.CleanTemp(path)
		if err != nil {
			t.Fatalf("kill %d: CleanTemp: %v", k, err)
		}
		cleaned += n
		if n != len(temps) {
			t.Errorf("kill %d: CleanTemp removed %d of %d temporary files", k, n, len(temps))
		}
		if names := dirNames(t, dir); len(names) != 1 || names[0] != filepath.Base(path) {
			t.Fatalf("kill %d: after cleaning, the directory holds %q", k, names)
		}
	}
	if saves == 0 {
		t.Fatal("no save ever completed: the test proves nothing")
	}
	t.Logf("%d kills survived: %d saves completed, %d kills during a save (%d of them after the rename), %d temporary files left and cleaned",
		kills, saves, inFlightKills, newVersionAfterKill, cleaned)
}

func short(digest string) string {
	if digest == "" {
		return "(none)"
	}
	return digest[:12]
}
