package dna

import (
	"database/sql"
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"
)

// checkPassword reports whether hash, as DNA stores it, is password's.
func checkPassword(t *testing.T, hash, password string) bool {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(hash)
	if err != nil || len(raw) != 48 {
		t.Fatalf("hash %q: not DNA's 16-byte salt and SHA-256 digest in base64", hash)
	}
	return passwordHashWith(raw[:16], password) == hash
}

// TestPasswordHash: stance hashes a password as DNA does: the sample's
// Admin password, "sample", gives the hash DNA stored; and every coder of
// a database stance writes has the password Password.
func TestPasswordHash(t *testing.T) {
	const sampleAdmin = "t7STqOHxpl+RXxRUgjsEno+e/38banaYjANbdYQ1geGfH6Xlc2roWgYrPbpCeg5M"
	if !checkPassword(t, sampleAdmin, "sample") || checkPassword(t, sampleAdmin, "stance") {
		t.Fatal("the sample's Admin hash does not check as DNA's")
	}
	db, err := Read("testdata/sample.dna")
	if err != nil {
		t.Fatal(err)
	}
	data, err := Marshal(db)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.dna")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query("SELECT Name, Password FROM CODERS")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name, hash string
		if err := rows.Scan(&name, &hash); err != nil {
			t.Fatal(err)
		}
		if !checkPassword(t, hash, Password) {
			t.Errorf("coder %s: the password is not %q", name, Password)
		}
		n++
	}
	if n != 4 {
		t.Errorf("%d coders, want the sample's 4", n)
	}
}
