package annotate_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
	"stance/model/feeds"
	"stance/model/web"
)

// saveSnapshot keeps paragraphs as the snapshot of the page at url in the
// data folder, as a fetch does.
func saveSnapshot(t *testing.T, url string, paragraphs ...string) *web.Snapshot {
	t.Helper()
	art, err := model.ParseText(url, []byte(strings.Join(paragraphs, "\n\n")))
	if err != nil {
		t.Fatal(err)
	}
	path, err := web.SnapshotPath(url, "")
	if err != nil {
		t.Fatal(err)
	}
	snap, err := web.SaveSnapshot(path, url, art, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// The coding of a web page lies beside its snapshot in the data folder; when
// a refresh changes the snapshot's text, it is re-anchored: moved where the
// text moved, orphaned where it is gone, none lost.
func TestCodingOfARefreshedSnapshot(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	const (
		url    = "https://news.example/harbour"
		vote   = "The council met on Tuesday evening to vote on the new harbour budget."
		mayor  = "Mayor Ana Ruiz said the harbour would stay public."
		union  = "Union leader Tom Berg called the budget a betrayal of dockworkers."
		lateP  = "A late correction was added by the editors of the paper."
		filler = "Residents followed the debate from the gallery until midnight, and many stayed to talk to councillors after the vote had been taken."
	)
	snap := saveSnapshot(t, url, vote, mayor, union, filler)
	annPath, err := annotate.Locate(snap.Path, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(data, "stance", filepath.Base(snap.Path)) + annotate.FileSuffix; annPath != want {
		t.Errorf("annotations at %s, want %s", annPath, want)
	}
	o, err := annotate.Open(annPath, snap.Article, url)
	if err != nil {
		t.Fatal(err)
	}
	ed := annotate.NewEditor(o.Doc, snap.Article)
	ruiz := must[model.Annotation](t)(ed.TagActor(spanOf(t, snap.Article.Text, "Ana Ruiz", 0), annotate.ActorChoice{Name: "Ana Ruiz"}))
	berg := must[model.Annotation](t)(ed.TagActor(spanOf(t, snap.Article.Text, "Tom Berg", 0), annotate.ActorChoice{Name: "Tom Berg"}))
	if _, err := o.File.Save(ed.Doc()); err != nil {
		t.Fatal(err)
	}
	o.File.Close()

	// The publisher adds a paragraph before the quotes and drops the union's.
	fresh := saveSnapshot(t, url, vote, lateP, mayor, filler)
	o, err = annotate.Open(annPath, fresh.Article, url)
	if err != nil {
		t.Fatal(err)
	}
	defer o.File.Close()
	rep := o.Reanchor
	if rep.Moved != 1 || rep.Orphaned != 1 || len(o.Doc.Annotations) != 2 {
		t.Fatalf("re-anchoring: %s; %d annotations", rep, len(o.Doc.Annotations))
	}
	got, _ := o.Doc.Annotation(ruiz.ID)
	if got.Orphan || got.Span != spanOf(t, fresh.Article.Text, "Ana Ruiz", 0) {
		t.Errorf("Ana Ruiz: %+v, want moved to the new text", got)
	}
	gone, _ := o.Doc.Annotation(berg.ID)
	if !gone.Orphan || gone.Quote != "Tom Berg" {
		t.Errorf("Tom Berg: %+v, want kept as an orphan", gone)
	}
}

// A feed item counts as coded once its page's snapshot has annotations
// beside it, where the reader keeps them; a feed's progress counts such
// items.
func TestCodedItem(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	const feedURL = "https://news.example/feed.xml"
	coded := feeds.Item{ID: "1", Link: "https://news.example/harbour"}
	other := feeds.Item{ID: "2", Link: "https://news.example/museum"}
	snap := saveSnapshot(t, feeds.ArticleURL(feedURL, coded), "The harbour stays public, the authority says.")
	if n := annotate.CodedItem(feedURL, coded); n != 0 {
		t.Errorf("an uncoded item counts %d annotations", n)
	}
	doc := annotate.New(snap.Article, coded.Link, "test")
	ed := annotate.NewEditor(doc, snap.Article)
	if _, err := ed.TagActor(model.Span{Start: 0, End: 3}, annotate.ActorChoice{Name: "Someone"}); err != nil {
		t.Fatal(err)
	}
	if err := doc.Save(annotate.PathFor(snap.Path)); err != nil {
		t.Fatal(err)
	}
	if n := annotate.CodedItem(feedURL, coded); n != 1 {
		t.Errorf("a coded item counts %d annotations, want 1", n)
	}
	st := &feeds.State{URL: feedURL, Items: []feeds.Item{coded, other}}
	if c, n := annotate.FeedProgress(st); c != 1 || n != 2 {
		t.Errorf("progress %d of %d, want 1 of 2", c, n)
	}
}
