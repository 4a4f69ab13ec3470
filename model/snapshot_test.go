package model

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A snapshot reads back as the article it was written from: same text (so
// the same digest, and the coding needs no re-anchoring), blocks and meta.
func TestSnapshotRoundTrip(t *testing.T) {
	u, _ := url.Parse("https://news.example/a?b=c")
	var arts []*Article
	pages, _ := filepath.Glob(filepath.Join(localCorpus, "*", "source.html"))
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ParseHTML(p, raw, u)
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	pre, err := ParseHTML("pre.html", []byte(page("Code", "", "<p>"+longPara+"</p><pre>  indented\n\n   \n  kept</pre><p>"+longPara+"</p>")), u)
	if err != nil {
		t.Fatal(err)
	}
	arts = append(arts, pre)
	if len(arts) < 4 {
		t.Fatalf("only %d articles to test", len(arts))
	}
	for _, a := range arts {
		snap := FormatSnapshot(a)
		b, err := Parse("x"+SnapshotSuffix, strings.NewReader(string(snap)))
		if err != nil {
			t.Fatal(err)
		}
		checkArticle(t, b)
		if b.Text != a.Text || b.SHA256() != a.SHA256() {
			t.Errorf("%s: text changed in the snapshot", a.Meta.Title)
		}
		if !reflect.DeepEqual(b.Blocks, a.Blocks) {
			t.Errorf("%s: blocks changed in the snapshot:\n%v\n%v", a.Meta.Title, b.Blocks, a.Blocks)
		}
		if b.Meta != a.Meta {
			t.Errorf("meta = %+v, want %+v", b.Meta, a.Meta)
		}
	}
}

// A hand-edited snapshot whose block list no longer fits still opens.
func TestSnapshotEdited(t *testing.T) {
	raw := "stance-snapshot: 1\ntitle: T\nblocks: h2 p\n\nHeading Here\n\nFirst paragraph.\n\nAn added paragraph.\n"
	a, err := ParseSnapshot("e"+SnapshotSuffix, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	checkArticle(t, a)
	if len(a.Blocks) != 3 || a.Blocks[0].Kind != BlockHeading || a.Meta.Title != "T" {
		t.Errorf("blocks %v, meta %+v", a.Blocks, a.Meta)
	}
	// Not a snapshot at all: read as plain text.
	b, err := Parse("old"+SnapshotSuffix, strings.NewReader("title: Plain\n\nJust text."))
	if err != nil {
		t.Fatal(err)
	}
	if b.Meta.Title != "Plain" || b.Text != "Just text." {
		t.Errorf("plain file as snapshot: %+v %q", b.Meta, b.Text)
	}
}

// A snapshot's header cannot nest a block deeper than Markdown can: a
// level of a billion would have the reader draw a billion quote bars.
func TestSnapshotLevelsCapped(t *testing.T) {
	raw := "stance-snapshot: 1\nblocks: q999999999 l3000 p\n\nquoted\n\nlisted\n\nplain\n"
	art, err := ParseSnapshot("x.snapshot.txt", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range art.Blocks {
		got = append(got, blockCode(b))
	}
	if want := fmt.Sprintf("q%d l%d p", maxNesting, maxNesting); strings.Join(got, " ") != want {
		t.Errorf("blocks %q, want %q", strings.Join(got, " "), want)
	}
}
