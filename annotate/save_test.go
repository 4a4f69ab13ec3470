package annotate_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"stance/annotate"
)

// dirNames lists the names in dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestSaveAtomicNewFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "story.txt.stance.json")
	if err := annotate.SaveAtomic(path, []byte("{}\n")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "{}\n" {
		t.Errorf("content = %q", got)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v, want 0644", fi.Mode().Perm())
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"story.txt.stance.json"}) {
		t.Errorf("directory holds %q, want only the saved file", names)
	}
}

func TestSaveAtomicReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.json")
	if err := os.WriteFile(path, []byte("old contents, longer than the new"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, content := range []string{"new\n", "newer\n"} {
		if err := annotate.SaveAtomic(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Errorf("content = %q, want %q", got, content)
		}
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the old file's 0600", fi.Mode().Perm())
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"notes.json"}) {
		t.Errorf("directory holds %q, want only the saved file", names)
	}
}

func TestSaveAtomicThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.json", link); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	if err := annotate.SaveAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target content = %q, want %q", got, "new")
	}
}

func TestSaveAtomicFailure(t *testing.T) {
	t.Run("target is a directory", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "notes.json")
		if err := os.Mkdir(path, 0o755); err != nil {
			t.Fatal(err)
		}
		err := annotate.SaveAtomic(path, []byte("data"))
		if err == nil || !strings.HasPrefix(err.Error(), "save "+path+": ") {
			t.Fatalf("error = %v, want one starting %q", err, "save "+path+": ")
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"notes.json"}) {
			t.Errorf("directory holds %q, want the temporary file removed", names)
		}
		if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
			t.Error("the directory at the target path was disturbed")
		}
	})
	t.Run("directory not writable", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "notes.json")
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		if f, err := os.CreateTemp(dir, "probe"); err == nil {
			f.Close()
			os.Remove(f.Name())
			t.Skip("permissions are not enforced (running as root?)")
		}
		err := annotate.SaveAtomic(path, []byte("new"))
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("error = %v, want one naming %s", err, path)
		}
		if got, _ := os.ReadFile(path); string(got) != "old" {
			t.Errorf("content = %q, want the old file kept", got)
		}
	})
	t.Run("missing directory", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "no", "such", "notes.json")
		err := annotate.SaveAtomic(path, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("error = %v, want one naming %s", err, path)
		}
	})
}

func TestSaveLoadRoundTrip(t *testing.T) {
	e, _, _, _ := seeded(t)
	d := e.Doc()
	d.Extra = goldenDocumentValue().Extra
	d.Actors[0].Extra = goldenDocumentValue().Actors[0].Extra
	d.Article.Title = "Саммит на Аляске 🇺🇸🇷🇺 <b>&</b>"
	path := filepath.Join(t.TempDir(), "summit.txt.stance.json")
	if err := d.Save(path); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := marshal(t, d); string(saved) != want {
		t.Errorf("saved file =\n%s\nwant Marshal's\n%s", saved, want)
	}
	if !strings.Contains(string(saved), `"title": "Саммит на Аляске 🇺🇸🇷🇺 <b>&</b>"`) {
		t.Error("non-ASCII or HTML characters were escaped")
	}
	loaded, err := annotate.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := marshal(t, loaded); got != string(saved) {
		t.Errorf("Load then Marshal =\n%s\nwant the saved file\n%s", got, saved)
	}
	if v := string(loaded.Actors[0].Extra["wikidata"]); v != `"Q7747"` {
		t.Errorf("actor extra = %s, want %q", v, "Q7747")
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := annotate.Load(filepath.Join(t.TempDir(), "none.stance.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error = %v, want fs.ErrNotExist", err)
	}
}

func TestLoadErrorNamesPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.stance.json")
	if err := os.WriteFile(path, []byte("{\n  \"schema\": 1,\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := annotate.Load(path)
	want := path + ":3:1: invalid character '}' looking for beginning of object key string"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}

// A file from a newer stance is refused by Load and never overwritten.
func TestNewerSchemaFileIsNeverWritten(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "story.txt.stance.json")
	newer := []byte("{\"schema\": 2, \"generator\": \"stance 9.0\"}\n")
	if err := os.WriteFile(path, newer, 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)

	_, err := annotate.Load(path)
	if !errors.Is(err, annotate.ErrNewerSchema) {
		t.Fatalf("Load error = %v, want ErrNewerSchema", err)
	}
	wantMsg := path + ": schema 2 is newer than this stance understands (1); the file was not changed"
	if err.Error() != wantMsg {
		t.Errorf("Load error = %q, want %q", err, wantMsg)
	}

	err = annotate.New(testArticle(), "story.txt", "").Save(path)
	if !errors.Is(err, annotate.ErrNewerSchema) {
		t.Errorf("Save over a newer file: error = %v, want ErrNewerSchema", err)
	}
	got, _ := os.ReadFile(path)
	after, _ := os.Stat(path)
	if string(got) != string(newer) || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the newer file was changed: %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"story.txt.stance.json"}) {
		t.Errorf("directory holds %q", names)
	}
}

// A file someone made read-only (chmod 444) is not replaced, though its
// folder would allow the rename and root would be let through: the save
// says why, and the file keeps its bytes and its mode.
func TestSaveAtomicRefusesReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	err := annotate.SaveAtomic(path, []byte("new"))
	want := "save " + path + ": the file has no write permission (mode 0444)"
	if err == nil || err.Error() != want || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("error = %v, want %q wrapping fs.ErrPermission", err, want)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("content = %q, want the read-only file kept", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o444 {
		t.Errorf("mode = %v, want 0444 kept", fi.Mode().Perm())
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"notes.json"}) {
		t.Errorf("directory holds %q", names)
	}
}

// A full disk and a folder that refuses the rename, injected (a test can
// make neither for real, least of all as root): the save fails with the
// file system's error, naming the file; the old file is untouched and no
// temporary file is left.
func TestSaveAtomicFaults(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault annotate.Fault
		want  error
	}{
		{"full disk", annotate.Fault{Write: syscall.ENOSPC}, syscall.ENOSPC},
		{"rename refused", annotate.Fault{Rename: syscall.EACCES}, syscall.EACCES},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "notes.json")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			tc.fault.Dir = dir
			defer annotate.InjectFault(tc.fault)()
			err := annotate.SaveAtomic(path, []byte("new"))
			if err == nil || !errors.Is(err, tc.want) || !strings.HasPrefix(err.Error(), "save "+path+": ") {
				t.Fatalf("error = %v, want %v naming %s", err, tc.want, path)
			}
			if got, _ := os.ReadFile(path); string(got) != "old" {
				t.Errorf("content = %q, want the old file kept", got)
			}
			if names := dirNames(t, dir); !slices.Equal(names, []string{"notes.json"}) {
				t.Errorf("directory holds %q, want the temporary file removed", names)
			}
			// Another folder is not concerned.
			if err := annotate.SaveAtomic(filepath.Join(t.TempDir(), "other.json"), []byte("x")); err != nil {
				t.Errorf("a save elsewhere failed: %v", err)
			}
		})
	}
}
