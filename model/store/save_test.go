package store_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"stance/model/store"
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
	if err := store.SaveAtomic(path, []byte("{}\n")); err != nil {
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
		if err := store.SaveAtomic(path, []byte(content)); err != nil {
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
	if err := store.SaveAtomic(link, []byte("new")); err != nil {
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
		err := store.SaveAtomic(path, []byte("data"))
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
		err := store.SaveAtomic(path, []byte("new"))
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("error = %v, want one naming %s", err, path)
		}
		if got, _ := os.ReadFile(path); string(got) != "old" {
			t.Errorf("content = %q, want the old file kept", got)
		}
	})
	t.Run("missing directory", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "no", "such", "notes.json")
		err := store.SaveAtomic(path, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("error = %v, want one naming %s", err, path)
		}
	})
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
	err := store.SaveAtomic(path, []byte("new"))
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
		fault store.Fault
		want  error
	}{
		{"full disk", store.Fault{Write: syscall.ENOSPC}, syscall.ENOSPC},
		{"rename refused", store.Fault{Rename: syscall.EACCES}, syscall.EACCES},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "notes.json")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			tc.fault.Dir = dir
			defer store.InjectFault(tc.fault)()
			err := store.SaveAtomic(path, []byte("new"))
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
			if err := store.SaveAtomic(filepath.Join(t.TempDir(), "other.json"), []byte("x")); err != nil {
				t.Errorf("a save elsewhere failed: %v", err)
			}
		})
	}
}
