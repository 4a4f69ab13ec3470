package suggest_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/annotate/suggest"
	"stance/model"
)

// misses asks TestQuality to list every mention missed or suggested
// wrongly and every claim missed, for whoever tunes the rules.
var misses = flag.Bool("suggest.misses", false, "list the suggester's misses against the reference codings")

// The targets of issue 14, on the reference codings.
const (
	targetActorPrecision = 0.90
	targetActorRecall    = 0.90
	targetDirectRecall   = 0.90
	targetSpeaker        = 0.90
	targetReportedRecall = 0.50
)

// notEnglish are the reference articles in another language, with it:
// the rules read English, so the targets are asserted without them, and
// their figures are printed apart.
var notEnglish = map[string]string{"lemonde-1.html": "French"}

// figures are the counts a scoring adds up.
type figures struct {
	articles                             int
	actorsSuggested, actorsRight         int // suggestions that count (not on an optional mention)
	mentions, mentionsFound              int
	direct, directFound, speakersRight   int
	reported, reportedFound              int
	claimsSuggested, claimsOnReference   int
	positions, stancesSuggested, stances int
}

func (f *figures) add(g figures) {
	f.articles += g.articles
	f.actorsSuggested += g.actorsSuggested
	f.actorsRight += g.actorsRight
	f.mentions += g.mentions
	f.mentionsFound += g.mentionsFound
	f.direct += g.direct
	f.directFound += g.directFound
	f.speakersRight += g.speakersRight
	f.reported += g.reported
	f.reportedFound += g.reportedFound
	f.claimsSuggested += g.claimsSuggested
	f.claimsOnReference += g.claimsOnReference
	f.positions += g.positions
	f.stancesSuggested += g.stancesSuggested
	f.stances += g.stances
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func (f figures) actorPrecision() float64 { return ratio(f.actorsRight, f.actorsSuggested) }
func (f figures) actorRecall() float64    { return ratio(f.mentionsFound, f.mentions) }
func (f figures) directRecall() float64   { return ratio(f.directFound, f.direct) }
func (f figures) speakerAccuracy() float64 {
	return ratio(f.speakersRight, f.directFound)
}
func (f figures) reportedRecall() float64 { return ratio(f.reportedFound, f.reported) }

func (f figures) String() string {
	return fmt.Sprintf("actor mentions P %.2f (%d/%d) R %.2f (%d/%d); direct quotations R %.2f (%d/%d), speaker %.2f (%d/%d); "+
		"reported speech R %.2f (%d/%d); claims on the reference %d of %d suggested; stance of stated positions %d/%d",
		f.actorPrecision(), f.actorsRight, f.actorsSuggested, f.actorRecall(), f.mentionsFound, f.mentions,
		f.directRecall(), f.directFound, f.direct, f.speakerAccuracy(), f.speakersRight, f.directFound,
		f.reportedRecall(), f.reportedFound, f.reported, f.claimsOnReference, f.claimsSuggested,
		f.stances, f.positions)
}

// reference is a coding made by hand, with its article.
type reference struct {
	name  string
	art   *model.Article
	doc   *annotate.Document
	quiet bool // do not list the misses
}

func loadReferences(t *testing.T, dir string) []reference {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*"+annotate.FileSuffix))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no reference codings in testdata/%s: %v", dir, err)
	}
	var out []reference
	for _, p := range paths {
		c, err := annotate.LoadCoded(annotate.CodedRef{Annotations: p})
		if err != nil {
			t.Fatal(err)
		}
		if ps := annotate.Validate(c.Doc, c.Article); len(ps) > 0 {
			t.Fatalf("%s: the reference does not validate: %v", p, ps)
		}
		out = append(out, reference{name: strings.TrimSuffix(filepath.Base(p), annotate.FileSuffix), art: c.Article, doc: c.Doc})
	}
	return out
}

// TestQuality scores the suggester against the reference codings made by
// hand (testdata/README.md), with no actor known beforehand, as on an
// article opened for the first time, and asserts issue 14's targets on
// them: actor mentions precision and recall 0.90, direct quotations
// recall 0.90 with the right speaker for 0.90 of those found, reported
// speech recall 0.50, on the articles in English (notEnglish are scored
// apart). Pages held out (any testdata/heldout* folder) are scored apart,
// each set on its own, and their figures printed, not asserted: they are
// coded by a coder who never saw the suggestions on them.
// docs/suggestions.md reports them.
func TestQuality(t *testing.T) {
	heldOut, err := filepath.Glob(filepath.Join("testdata", "heldout*"))
	if err != nil {
		t.Fatal(err)
	}
	sets := []string{"reference"}
	for _, dir := range heldOut {
		sets = append(sets, filepath.Base(dir))
	}
	for _, set := range sets {
		var total, other figures
		for _, ref := range loadReferences(t, set) {
			// The held-out pages' misses are not listed: the rules are not
			// tuned on them.
			ref.quiet = set != "reference"
			g := score(t, ref, suggest.Suggest(ref.art, suggest.Known{}))
			t.Logf("%s/%s: %v", set, ref.name, g)
			if notEnglish[ref.name] != "" {
				other.add(g)
				continue
			}
			total.add(g)
		}
		t.Logf("%s, %d articles in English: %v", set, total.articles, total)
		if other.articles > 0 {
			t.Logf("%s, %d articles in other languages, not asserted: %v", set, other.articles, other)
		}
		if set != "reference" {
			continue
		}
		for _, c := range []struct {
			what      string
			got, want float64
		}{
			{"actor mention precision", total.actorPrecision(), targetActorPrecision},
			{"actor mention recall", total.actorRecall(), targetActorRecall},
			{"direct quotation recall", total.directRecall(), targetDirectRecall},
			{"speaker accuracy on the quotations found", total.speakerAccuracy(), targetSpeaker},
			{"reported speech recall", total.reportedRecall(), targetReportedRecall},
		} {
			if c.got < c.want {
				t.Errorf("%s is %.2f, below the target %.2f", c.what, c.got, c.want)
			}
		}
	}
}

// TestQualityKnownActors scores the suggester knowing the references'
// actors by their names (not the aliases the coding learned), as in a
// project whose codebook holds them: it must do at least as well on
// mentions as without them. The actors the codings name only as speakers
// or optional groups ("the military", "critics") are left out: a
// codebook holds them only when a coder wants every "critics" tagged.
func TestQualityKnownActors(t *testing.T) {
	var cold, known figures
	for _, ref := range loadReferences(t, "reference") {
		var actors []model.Actor
		for _, a := range ref.doc.Actors {
			named := slices.ContainsFunc(ref.doc.Annotations, func(n model.Annotation) bool {
				return n.Type == model.TypeActor && n.Actor == a.ID && n.Note != "optional"
			})
			if named {
				actors = append(actors, model.Actor{ID: a.ID, Name: a.Name, Kind: a.Kind})
			}
		}
		cold.add(score(t, reference{name: ref.name, art: ref.art, doc: ref.doc, quiet: true}, suggest.Suggest(ref.art, suggest.Known{})))
		known.add(score(t, ref, suggest.Suggest(ref.art, suggest.Known{Actors: actors})))
	}
	t.Logf("knowing the actors' names: %v", known)
	if known.actorRecall() < cold.actorRecall() || known.actorPrecision() < cold.actorPrecision()-0.01 {
		t.Errorf("knowing the actors, mentions P %.2f R %.2f; without, P %.2f R %.2f",
			known.actorPrecision(), known.actorRecall(), cold.actorPrecision(), cold.actorRecall())
	}
}

// score compares suggestions with a reference coding. A suggested
// mention is right when it overlaps a mention of the reference and names
// its actor (the same ID, or a name the reference actor goes by); one
// that overlaps only a mention the coding marks optional is not counted.
// A claim of the reference is found when a suggested claim overlaps it;
// the speaker of a direct quotation found is that of the suggestion that
// overlaps it most.
func score(t *testing.T, ref reference, ss []suggest.Suggestion) figures {
	g := figures{articles: 1}
	list := *misses && !ref.quiet
	var actors, claims []suggest.Suggestion
	for _, s := range ss {
		if s.Type == model.TypeActor {
			actors = append(actors, s)
		} else {
			claims = append(claims, s)
		}
	}
	var required, optional []model.Annotation
	for _, n := range ref.doc.Annotations {
		switch {
		case n.Type != model.TypeActor:
		case n.Note == "optional":
			optional = append(optional, n)
		default:
			required = append(required, n)
		}
	}
	names := func(s suggest.Suggestion, n model.Annotation) bool {
		return names(ref.doc, s.Actor, n.Actor)
	}
	for _, s := range actors {
		right := slices.ContainsFunc(required, func(n model.Annotation) bool { return n.Span.Overlaps(s.Span) && names(s, n) })
		switch {
		case right:
			g.actorsSuggested++
			g.actorsRight++
		case slices.ContainsFunc(optional, func(n model.Annotation) bool { return n.Span.Overlaps(s.Span) }):
		default:
			g.actorsSuggested++
			if list {
				t.Logf("%s: wrong mention %q [%d,%d) as %q (%s)", ref.name, s.Quote, s.Span.Start, s.Span.End, s.Actor.Name, s.Reason)
			}
		}
	}
	for _, n := range required {
		g.mentions++
		if slices.ContainsFunc(actors, func(s suggest.Suggestion) bool { return n.Span.Overlaps(s.Span) && names(s, n) }) {
			g.mentionsFound++
		} else if list {
			a, _ := ref.doc.Actor(n.Actor)
			t.Logf("%s: missed mention %q [%d,%d) of %s", ref.name, n.Quote, n.Span.Start, n.Span.End, a.Name)
		}
	}
	g.claimsSuggested = len(claims)
	for _, s := range claims {
		if slices.ContainsFunc(ref.doc.Annotations, func(n model.Annotation) bool {
			return n.Type == model.TypeClaim && n.Span.Overlaps(s.Span)
		}) {
			g.claimsOnReference++
		}
	}
	for _, n := range ref.doc.Annotations {
		if n.Type == model.TypePosition {
			g.positions++
			for _, s := range claims {
				if s.Span.Overlaps(n.Span) && s.Stance != "" {
					g.stancesSuggested++
					if s.Stance == n.Stance {
						g.stances++
					}
					break
				}
			}
		}
		if n.Type != model.TypeClaim {
			continue
		}
		best, overlap := -1, 0.0
		for i, s := range claims {
			if o := iou(n.Span, s.Span); o > overlap {
				best, overlap = i, o
			}
		}
		switch n.Note {
		case "direct":
			g.direct++
			if best < 0 {
				if list {
					t.Logf("%s: missed quotation %q", ref.name, n.Quote)
				}
				continue
			}
			g.directFound++
			if speakerRight(ref, n, claims[best]) {
				g.speakersRight++
			} else if list {
				want, _ := ref.doc.Actor(n.Actor)
				got := "nobody"
				if sp := claims[best].Speaker; sp != nil {
					got = sp.Actor.Name
				}
				t.Logf("%s: quotation %q said by %s, suggested as %s (%s)", ref.name, n.Quote, want.Name, got, claims[best].Reason)
			}
		case "reported":
			g.reported++
			if best >= 0 {
				g.reportedFound++
			} else if list {
				t.Logf("%s: missed reported speech %q", ref.name, n.Quote)
			}
		}
	}
	return g
}

// speakerRight reports whether the suggestion names the speaker the
// reference gives the claim n: by ID or name, or by a mention of them.
func speakerRight(ref reference, n model.Annotation, s suggest.Suggestion) bool {
	if n.Actor == "" || s.Speaker == nil {
		return n.Actor == "" && s.Speaker == nil
	}
	if names(ref.doc, s.Speaker.Actor, n.Actor) {
		return true
	}
	for _, m := range ref.doc.Annotations {
		if m.Type == model.TypeActor && m.Actor == n.Actor && m.Note != "optional" && m.Span.Overlaps(s.Speaker.Span) {
			return true
		}
	}
	return false
}

// names reports whether the suggested actor a is the reference actor id:
// the same ID, or a name that actor goes by, titles such as "Mr." aside.
func names(doc *annotate.Document, a suggest.ActorRef, id string) bool {
	if a.ID != "" {
		return a.ID == id
	}
	actor, ok := doc.Actor(id)
	if !ok {
		return false
	}
	want := plainName(a.Name)
	for _, n := range append([]string{actor.Name}, actor.Aliases...) {
		if plainName(n) == want {
			return true
		}
	}
	return false
}

// plainName folds a name for comparing: lower case, apostrophes alike,
// without the honorifics that may stand before it.
func plainName(s string) string {
	s = strings.ToLower(strings.NewReplacer("’", "'", ".", "").Replace(s))
	ws := strings.Fields(s)
	for len(ws) > 1 && slices.Contains([]string{"mr", "mrs", "ms", "dr", "the"}, ws[0]) {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

// iou is the overlap of two spans over their union.
func iou(a, b model.Span) float64 {
	in := min(a.End, b.End) - max(a.Start, b.Start)
	if in <= 0 {
		return 0
	}
	return float64(in) / float64(max(a.End, b.End)-min(a.Start, b.Start))
}
