package store_test

import (
	"path/filepath"
	"testing"

	"stance/model/store"
)

func TestDataDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tests := []struct {
		xdg, want string
	}{
		{"/xdg/data", "/xdg/data/stance"},
		{"", filepath.Join(home, ".local", "share", "stance")},
		{"relative/dir", filepath.Join(home, ".local", "share", "stance")},
	}
	for _, tt := range tests {
		t.Setenv("XDG_DATA_HOME", tt.xdg)
		got, err := store.DataDir()
		if err != nil || got != tt.want {
			t.Errorf("XDG_DATA_HOME=%q: DataDir() = %q, %v; want %q", tt.xdg, got, err, tt.want)
		}
	}
}
