package ui

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/annotate/suggest"
	"stance/model"
)

// TestGoldenSuggestions shows the uncoded seed with its suggestions: a
// question mark in the gutter's actor or claim column where one touches a
// row, the cursor on the first after ;, and the message line saying what
// it is.
func TestGoldenSuggestions(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), sz.w, sz.h)
			h.keys(";")
			requireScreen(t, h, sz)
		})
	}
}

// gutterMarks counts the rows of the article whose gutter shows a
// suggestion.
func gutterMarks(h *harness) int {
	n := 0
	for _, l := range strings.Split(h.screen(), "\n") {
		// "┃ ?   text" or "┃  ?  text": the gutter follows the frame.
		if i := strings.Index(l, "┃ "); i >= 0 {
			g := l[i+len("┃ "):]
			if len(g) >= 2 && (g[0] == '?' || g[1] == '?') {
				n++
			}
		}
	}
	return n
}

func TestSuggestionsShownAndHidden(t *testing.T) {
	for _, tc := range []struct {
		keys    []string
		shown   bool
		message string
	}{
		{nil, true, ""},
		{[]string{"S"}, false, "suggestions hidden (S shows them)"},
		{[]string{"S", "S"}, true, "suggestions shown (S hides them)"},
		{[]string{"S", "+"}, false, "suggestions are hidden (S shows them)"},
	} {
		parallel(t, strings.Join(tc.keys, " "), func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			h.keys(tc.keys...)
			if got := gutterMarks(h) > 0; got != tc.shown {
				t.Errorf("suggestions in the gutter: %v, want %v:\n%s", got, tc.shown, h.screen())
			}
			if tc.message != "" && !strings.Contains(helpLine(h), tc.message) {
				t.Errorf("message line %q, want %q", helpLine(h), tc.message)
			}
		})
	}
}

// annotationsOf lists the session's annotations as "type quote → actor".
func annotationsOf(s *Session) []string {
	var out []string
	for _, a := range s.Doc().Annotations {
		line := string(a.Type) + " " + a.Quote
		if a.Actor != "" {
			line += " → " + actorName(s, a.Actor)
		}
		if a.Stance != "" {
			line += " " + string(a.Stance)
		}
		out = append(out, line)
	}
	return out
}

// TestAcceptAndReject sends the suggestion keys and checks the coding and
// what the message line says. The seed's first suggestion is "U.S.
// President Donald Trump", a new person: accepting it asks; its later
// "Putin" is a known actor once Vladimir Putin is tagged.
func TestAcceptAndReject(t *testing.T) {
	for _, tc := range []struct {
		name    string
		keys    []string
		want    []string // annotations, in the document's order
		message string
		dialog  string // the title of the dialog left open
	}{
		{"a new actor asks", []string{";", "+"}, nil, "", "Tag actor"},
		{"a new actor confirmed", []string{";", "+", "enter"}, []string{"actor U.S. President Donald Trump → Donald Trump"}, "tagged actor Donald Trump", ""},
		{"all of one actor", []string{";", "*"}, []string{
			"actor U.S. President Donald Trump → Donald Trump", "actor Trump → Donald Trump", "actor Trump → Donald Trump",
			"actor Trump → Donald Trump", "actor Trump → Donald Trump", "actor Trump → Donald Trump",
			"actor Trump → Donald Trump", "actor Trump → Donald Trump",
		}, "tagged 8 mentions of Donald Trump (u undoes them)", ""},
		{"all undone as one step", []string{";", "*", "u"}, nil, "undid tag 8 mentions of “Donald Trump”", ""},
		{"a known actor without a dialog", []string{";", ";", "+", "enter", "/", "Putin echoed", "enter", "esc", "+"}, []string{
			"actor Russian President Vladimir Putin → Vladimir Putin", "actor Putin → Vladimir Putin",
		}, "tagged actor Vladimir Putin", ""},
		{"rejected", []string{";", "-"}, nil, "rejected the suggested actor “U.S. President Donald Trump” (u undoes)", ""},
		{"nothing here", []string{"+"}, nil, "no suggestion here (; goes to the next)", ""},
		{"a claim opens its dialog", []string{"/", "There were", "enter", "esc", "+"}, nil, "", "Tag claim"},
	} {
		parallel(t, tc.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, tc.keys)
			got := annotationsOf(h.m.reader.sess)
			if tc.want != nil && strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("annotations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if tc.message != "" && !strings.Contains(helpLine(h), tc.message) {
				t.Errorf("message line %q, want %q", helpLine(h), tc.message)
			}
			d := h.m.reader.dialog
			switch {
			case tc.dialog == "" && d != nil:
				t.Errorf("dialog %q left open", d.title)
			case tc.dialog != "" && (d == nil || d.title != tc.dialog):
				t.Errorf("dialog %v, want %q", d, tc.dialog)
			}
		})
	}
}

// TestRejectionIsKept checks that a rejected suggestion is not offered
// again: it is in the document's rejections, and gone from the screen.
func TestRejectionIsKept(t *testing.T) {
	bubble(t, func(t *testing.T) {
		s := newSeedSession(t, fakeAnnPath)
		h := newReader(t, s, wide.w, wide.h)
		h.keys(";", "-")
		if rs := s.Doc().Rejections(); len(rs) != 1 || rs[0].Quote != "U.S. President Donald Trump" {
			t.Fatalf("rejections %+v", rs)
		}
		for _, sg := range h.m.reader.shownSuggestions() {
			if sg.Span.Start == 44 && sg.Type == model.TypeActor {
				t.Errorf("the rejected suggestion is offered again: %+v", sg)
			}
		}
	})
}

// TestSuggestedClaimDialog checks the claim dialog's pre-fills: the
// quotation without its marks, the speaker the text attributes it to;
// and the position dialog after it: that speaker, and the stance the text
// states with its reason.
func TestSuggestedClaimDialog(t *testing.T) {
	for _, tc := range []struct {
		name   string
		keys   []string
		fields []string // the values of the dialog's fields
		body   string
	}{
		{"a quotation", []string{"/", "There were", "enter", "esc", "+"}, []string{"There were many, many points that we agreed on.", "Donald Trump"}, ""},
		{"reported speech", []string{"/", "ceding", "enter", "esc", "+"}, []string{"ceding territory to Moscow", "Volodymyr Zelenskyy"}, ""},
		{"its position", []string{"/", "ceding", "enter", "esc", "+", "enter", "p"}, []string{"Volodymyr Zelenskyy", "ceding territory to Moscow", "oppose"}, "the text says “ruled out” → oppose"},
		{"no cue, support", []string{"/", "There were", "enter", "esc", "+", "enter", "p"}, []string{"Donald Trump", "There were many, many points that we agreed on.", "support"}, ""},
	} {
		parallel(t, tc.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, tc.keys)
			d := h.m.reader.dialog
			if d == nil {
				t.Fatalf("no dialog open:\n%s", h.screen())
			}
			var got []string
			for _, f := range d.fields {
				if f.kind == fieldChoice {
					got = append(got, f.choiceValue())
				} else {
					got = append(got, f.value())
				}
			}
			if strings.Join(got, " | ") != strings.Join(tc.fields, " | ") {
				t.Errorf("fields %q, want %q", got, tc.fields)
			}
			if body := strings.Join(d.body, "\n"); body != tc.body {
				t.Errorf("dialog says %q, want %q", body, tc.body)
			}
			if tc.body != "" && !strings.Contains(h.screen(), tc.body) {
				t.Errorf("the reason is not on screen:\n%s", h.screen())
			}
		})
	}
}

// TestVisibleSuggestionsOnly checks, by counting, that a frame looks at
// the suggestions near the screen, not all of an article's.
func TestVisibleSuggestionsOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 5 MB article")
	}
	m := benchModel(t, 5<<20, 0)
	s := m.reader.sess
	var list []suggest.Suggestion
	for off := 0; off+20 < s.Article.Len(); off += 50 {
		list = append(list, suggest.Suggestion{Type: model.TypeActor, Span: model.Span{Start: off, End: off + 20}})
	}
	s.suggestions.set, s.suggestions.found, s.suggestions.version = newSuggestionSet(list), true, s.Editor.Version()
	for _, k := range []string{"G", "g", "pgdown", "j"} {
		frame(m, keyMsg(k))
		if n := m.reader.article.marksSeen; n == 0 || n > 200 {
			t.Errorf("after %s a frame drew %d of %d suggestions", k, n, len(list))
		}
	}
}

// TestTagAll: T on an actor annotation tags the actor's other mentions by
// its name and aliases, skipping what is tagged, as one step.
func TestTagAll(t *testing.T) {
	for _, tc := range []struct {
		name    string
		keys    []string
		actors  int // actor annotations after
		message string
	}{
		// Donald Trump is tagged as "Donald Trump" and "Trump", which he
		// learnt as an alias; the seed names him 8 times.
		{"every other mention", keysOf(find("Donald Trump"), []string{"esc", "T"}), 8, "tagged 6 more mentions of Donald Trump (u undoes them)"},
		{"undone as one step", keysOf(find("Donald Trump"), []string{"esc", "T", "u"}), 2, "undid tag 6 mentions of “Donald Trump”"},
		{"none left", keysOf(find("Donald Trump"), []string{"esc", "T", "T"}), 8, "no other mention of Donald Trump left untagged"},
		{"not on an actor", keysOf(find("summit"), []string{"esc", "T"}), 2, "T tags every mention of an actor: put the cursor on one tagged already"},
	} {
		parallel(t, tc.name, func(t *testing.T) {
			s := newSeedSession(t, fakeAnnPath)
			trump, err := s.Editor.TagActor(spanOf(t, s.Article, "Donald Trump", 0), annotate.ActorChoice{Name: "Donald Trump"})
			if err == nil {
				_, err = s.Editor.TagActor(spanOf(t, s.Article, "Trump", 1), annotate.ActorChoice{ID: trump.Actor})
			}
			if err != nil {
				t.Fatal(err)
			}
			h := newReader(t, s, wide.w, wide.h)
			typeKeys(h, tc.keys)
			if got := h.m.reader.sess.Counts()[model.TypeActor]; got != tc.actors {
				t.Errorf("%d actor annotations, want %d:\n%s", got, tc.actors, strings.Join(annotationsOf(s), "\n"))
			}
			if !strings.Contains(helpLine(h), tc.message) {
				t.Errorf("message line %q, want %q", helpLine(h), tc.message)
			}
		})
	}
}

// TestStaleSuggestionsDropped: suggestions found before an edit are not
// shown after it (they would offer what was just coded); another search
// starts, and one search runs at a time.
func TestStaleSuggestionsDropped(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		r := h.m.reader
		s := r.sess
		s.suggestions.found = false // as if the article had just been opened
		cmd := r.suggestCmd()
		if cmd == nil || r.suggestCmd() != nil {
			t.Fatal("want one search, and no second while it runs")
		}
		if _, err := s.Editor.TagActor(spanOf(t, s.Article, "Donald Trump", 0), annotate.ActorChoice{Name: "Donald Trump"}); err != nil {
			t.Fatal(err)
		}
		r.Update(cmd())
		if s.suggestions.found {
			t.Error("suggestions found before the edit were taken after it")
		}
		next := r.suggestCmd()
		if next == nil {
			t.Fatal("no new search after the stale one")
		}
		r.Update(next())
		for _, sg := range r.shownSuggestions() {
			if sg.Type == model.TypeActor && sg.Span.Start == 44 {
				t.Errorf("the mention just tagged is still suggested: %+v", sg)
			}
		}
		if !s.suggestions.found {
			t.Error("the fresh suggestions were not taken")
		}
	})
}

// TestSuggestionsKnowTheCodebook: in a project, a name of the codebook's
// actors is suggested as that actor, and + tags it without a dialog.
func TestSuggestionsKnowTheCodebook(t *testing.T) {
	bubble(t, func(t *testing.T) {
		dir := t.TempDir()
		cb := annotate.NewCodebook()
		cb.Actors = append(cb.Actors, model.Actor{ID: "a-aaaaaa", Name: "Air Force", Kind: model.KindOrganization})
		if _, err := annotate.InitProjectWith(dir, cb); err != nil {
			t.Fatal(err)
		}
		art := seedArticle(t)
		s := NewSession(art, annotate.New(art, seedName, "stance test"), seedName, dir+"/story.txt.stance.json")
		h := newReader(t, s, wide.w, wide.h)
		typeKeys(h, keysOf(find("Air Force"), []string{"esc", "+"}))
		if got := annotationsOf(s); len(got) != 1 || got[0] != "actor Air Force → Air Force" {
			t.Errorf("annotations %q, want the codebook's Air Force", got)
		}
		// Under the codebook's ID: by its name alone it was a new actor,
		// which the codebook would have learned as a second Air Force.
		if ids := actorIDsOf(s); len(ids) != 1 || ids[0] != "a-aaaaaa" {
			t.Errorf("the mention's actor has ID %q, want the codebook's a-aaaaaa", ids)
		}
		if h.m.reader.dialog != nil {
			t.Errorf("a dialog opened for a known actor: %q", h.m.reader.dialog.title)
		}
	})
}

// TestSuggestionsAfterEditsSettle: after an edit the search waits a tick,
// so that the copy of the document it needs is not made in the edit's
// frame, and edits in quick succession start one search, for the last.
func TestSuggestionsAfterEditsSettle(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		r := h.m.reader
		s := r.sess
		tag := func(text string) {
			t.Helper()
			if _, err := s.Editor.TagActor(spanOf(t, s.Article, text, 0), annotate.ActorChoice{Name: text}); err != nil {
				t.Fatal(err)
			}
		}
		tag("Donald Trump")
		first := r.suggestCmd()
		if first == nil || s.suggestions.running {
			t.Fatal("an edit started a search at once, in its own frame")
		}
		if r.suggestCmd() != nil {
			t.Fatal("a second tick while one waits")
		}
		tag("Vladimir Putin")
		if cmd := r.Update(first()); cmd != nil || s.suggestions.running {
			t.Fatal("the tick of an edit followed by another started a search")
		}
		second := r.suggestCmd()
		if second == nil {
			t.Fatal("no tick for the last edit")
		}
		search := r.Update(second())
		if search == nil || !s.suggestions.running {
			t.Fatal("the last edit's tick started no search")
		}
		r.Update(search())
		if !s.suggestions.found || s.suggestions.version != s.Editor.Version() {
			t.Error("the suggestions are not those of the document as it is")
		}
	})
}

// actorIDsOf lists the actor IDs of the session's actor mentions.
func actorIDsOf(s *Session) []string {
	var ids []string
	for _, a := range s.Doc().Annotations {
		if a.Type == model.TypeActor {
			ids = append(ids, a.Actor)
		}
	}
	return ids
}

// An article longer than suggestLimit gets no suggestions: the suggester's
// memory grows with the text (a 5 MB one's reader peaks at 180 MB, 71 without).
func TestNoSuggestionsForVeryLongArticles(t *testing.T) {
	bubble(t, func(t *testing.T) {
		defer func(n int) { suggestLimit = n }(suggestLimit)
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		suggestLimit = h.m.reader.sess.Article.Len() - 1
		h.m.reader.sess.suggestions = suggestionState{}
		if cmd := h.m.reader.suggestCmd(); cmd != nil {
			t.Error("a search for suggestions started for an article over the limit")
		}
		suggestLimit = h.m.reader.sess.Article.Len()
		if cmd := h.m.reader.suggestCmd(); cmd == nil {
			t.Error("no search for suggestions for an article within the limit")
		}
	})
}

// TestPreviousSuggestion: , goes back to the suggestion before the
// cursor, and from before the first to the last, saying what it is.
func TestPreviousSuggestion(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		want func(n int) int // the suggestion the cursor is on, of n
	}{
		{[]string{";", ";", ","}, func(int) int { return 0 }},
		{[]string{";", ";", ";", ",", ","}, func(int) int { return 0 }},
		{[]string{","}, func(n int) int { return n - 1 }},
		{[]string{";", ","}, func(n int) int { return n - 1 }},
	} {
		parallel(t, strings.Join(tc.keys, " "), func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			h.keys(tc.keys...)
			list := h.m.reader.shownSuggestions()
			want := list[tc.want(len(list))]
			if got := h.m.reader.article.Cursor(); got != want.Span.Start {
				t.Errorf("cursor at %d, want %d (“%s”)", got, want.Span.Start, want.Quote)
			}
			if msg := describeSuggestion(want, h.m.reader.common.Keys); !strings.Contains(helpLine(h), msg[:min(len(msg), 40)]) {
				t.Errorf("message line %q, want %q", helpLine(h), msg)
			}
		})
	}
}

// TestNoSuggestionsReadOnly: a session whose annotations file cannot be
// written (chmod 444) shows no suggestions, and the suggestion keys say
// why, instead of offering an edit that could not be saved.
func TestNoSuggestionsReadOnly(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		if gutterMarks(h) == 0 {
			t.Fatal("no suggestions in a writable session")
		}
		tagTrump(h)
		h.wait = time.Second
		h.keys("q")
		if err := h.m.Shutdown(); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, 0o444); err != nil {
			t.Fatal(err)
		}
		s, err := OpenSession(Source{Path: strings.TrimSuffix(path, annotate.FileSuffix)}, "")
		if err != nil {
			t.Fatal(err)
		}
		h = newReader(t, s, wide.w, wide.h)
		if n := gutterMarks(h); n != 0 || len(h.m.reader.shownSuggestions()) != 0 {
			t.Errorf("a read-only session shows suggestions (%d rows):\n%s", n, h.screen())
		}
		want := "no suggestions while read-only: the file has no write permission (mode 0444), so it is not written"
		for _, k := range []string{";", ",", "+", "*"} {
			h.keys(k)
			if !strings.Contains(helpLine(h), want) {
				t.Errorf("%s: message line %q, want %q", k, helpLine(h), want)
			}
		}
		if n := len(s.Doc().Annotations); n != 1 {
			t.Errorf("%d annotations, want the one saved before", n)
		}
		h.keys("S", "S")
		if want := "suggestions shown, but none while read-only: the file has no write permission"; !strings.Contains(helpLine(h), want) {
			t.Errorf("S S: message line %q, want %q", helpLine(h), want)
		}
	})
}

func TestNextSuggestionShowsItWhole(t *testing.T) {
	for _, sz := range []size{wide, narrow} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), sz.w, sz.h)
			p := h.m.reader.article
			list := h.m.reader.shownSuggestions()
			if len(list) < 5 {
				t.Fatalf("the seed has %d suggestions", len(list))
			}
			for range list {
				h.keys(";")
				i := slices.IndexFunc(list, func(s suggest.Suggestion) bool { return s.Span.Start == p.Cursor() })
				if i < 0 {
					t.Fatalf("; left the cursor at %d, on no suggestion", p.Cursor())
				}
				s := list[i]
				if p.rowOf(s.Span.End-1)-p.rowOf(s.Span.Start) >= p.height {
					continue // taller than the pane: its start is what is shown
				}
				words := strings.Fields(slice(h.m.reader.sess, s.Span))
				last := strings.Trim(words[len(words)-1], `.,;:!?"'”’`)
				if !strings.Contains(h.screen(), last) {
					t.Errorf("; went to %q but its last word %q is not on the screen:\n%s", slice(h.m.reader.sess, s.Span), last, h.screen())
				}
			}
		})
	}
}

func TestNextSuggestionAtTheCursor(t *testing.T) {
	const text = "President Vladimir Putin met reporters in Moscow on Friday.\n\nThe Kremlin said Vladimir Putin would attend the summit in Geneva.\n"
	for _, tc := range []struct {
		name    string
		keys    []string
		message string
	}{
		{"the first, at the start", []string{";"}, "suggested actor Vladimir Putin"},
		{"then the next", []string{";", ";"}, "suggested actor Russia"},
		{"the second of two alike", []string{";", ";", ";", "-", ";"}, "suggested claim by Russia"},
		{"from the top after the last", []string{";", ";", ";", ";", ";"}, "suggested actor Vladimir Putin"},
	} {
		parallel(t, tc.name, func(t *testing.T) {
			art, err := model.Parse("putin.txt", strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			s := NewSession(art, annotate.New(art, "putin.txt", "stance test"), "putin.txt", fakeAnnPath)
			h := newReader(t, s, wide.w, wide.h)
			typeKeys(h, tc.keys)
			if !strings.Contains(helpLine(h), tc.message) {
				t.Errorf("message line %q, want %q", helpLine(h), tc.message)
			}
		})
	}
}

func TestTagAllSaysWhatIsSuggested(t *testing.T) {
	bubble(t, func(t *testing.T) {
		s := newSeedSession(t, fakeAnnPath)
		if _, err := s.Editor.TagActor(spanOf(t, s.Article, "Donald Trump", 0), annotate.ActorChoice{Name: "Donald Trump"}); err != nil {
			t.Fatal(err)
		}
		h := newReader(t, s, wide.w, wide.h)
		typeKeys(h, keysOf(find("Donald Trump"), []string{"esc", "T"}))
		const want = "no other “Donald Trump” left untagged; 7 other mentions are suggested: ; goes to them, * on one tags them all"
		if !strings.Contains(helpLine(h), want) {
			t.Errorf("message line %q, want %q", helpLine(h), want)
		}
	})
}
