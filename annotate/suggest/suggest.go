// Package suggest finds candidate annotations in an article — actor
// mentions and claims with their speakers — for a coder to accept or
// reject, offline and deterministically, by rules: names the registry and
// codebook know, names with titles and roles, their later short forms,
// organisations, countries and capitals from a small gazetteer, direct
// quotations and reported speech with who the text attributes them to,
// and the stance a verb states ("ruled out" → oppose). How well it does
// on hand-made reference codings is measured in its tests and reported in
// docs/suggestions.md.
package suggest

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"stance/annotate"
	"stance/model"
)

// Suggestion is a candidate annotation.
type Suggestion struct {
	Type  model.AnnotationType // model.TypeActor or model.TypeClaim
	Span  model.Span           // code points into the article's normalised text
	Quote string               // the text at Span
	// Actor is, for an actor mention, the actor it would be.
	Actor ActorRef
	// Text is, for a claim, its wording: the quotation without its marks,
	// or the reported proposition.
	Text string
	// Quotation says whether a claim is a direct quotation; otherwise it is
	// reported speech.
	Quotation bool
	// Speaker is, for a claim, who the text attributes it to; nil when it
	// names nobody.
	Speaker *Speaker
	// Stance is, for a claim, the speaker's stance where the text states
	// it ("ruled out" → oppose), with the words that state it; "" when it
	// does not.
	Stance       model.Stance
	StanceReason string
	Score        float64 // 0–1: how likely a coder is to accept it
	Reason       string  // why it is suggested, for the coder
}

// ActorRef names an actor: an existing one of the registry or codebook
// (ID set), or a new one to create with Name and Kind.
type ActorRef struct {
	ID   string
	Name string
	Kind model.ActorKind
}

// Choice is the actor as an edit takes it.
func (a ActorRef) Choice() annotate.ActorChoice {
	return annotate.ActorChoice{ID: a.ID, Name: a.Name, Kind: a.Kind}
}

// Speaker is who a claim is attributed to: the actor, and the mention of
// them the attribution rests on ("Trump" in "Trump said", or for "he
// said" the last person named before it).
type Speaker struct {
	Actor ActorRef
	Span  model.Span
}

// Known is what the suggester knows of an article before reading it.
type Known struct {
	// Actors are the actors known by name: the article's registry, then
	// the project's codebook. A name or alias of one is suggested as that
	// actor wherever it is written.
	Actors []model.Actor
	// Coded are the annotations made already: no suggestion is made where
	// one of the same type is.
	Coded []model.Annotation
	// Rejected are the suggestions the coder rejected.
	Rejected []annotate.Rejection
}

// Suggest returns the suggestions for art, sorted by offset (then by
// end, actors before claims). The same article and knowledge always give
// the same suggestions. It reads the whole text: on a large article, call
// it off the goroutine that draws the screen.
func Suggest(art *model.Article, k Known) []Suggestion {
	d := read(art)
	f := findActors(d, k.Actors)
	claims := findClaims(d, f)
	// Where each mention and claim is, while the tokens are at hand; the
	// tokens and what indexes them (most of the working memory: tens of
	// megabytes for a 5 MB article) are then let go before the
	// suggestions are made, rather than held beside them.
	mentionQuotes := make([]string, len(f.mentions))
	for i, m := range f.mentions {
		mentionQuotes[i] = d.textOf(m.from, m.end)
	}
	claimsAt := make([]model.Span, len(claims))
	claimQuotes := make([]string, len(claims))
	for j, c := range claims {
		claimsAt[j], claimQuotes[j] = d.spanOf(c.first, c.end-1), d.textOf(c.first, c.end)
	}
	d.release()
	// Mentions and claims are each in text order: merged, not sorted.
	out := make([]Suggestion, 0, len(f.mentions)+len(claims))
	i, j := 0, 0
	for i < len(f.mentions) || j < len(claims) {
		var s Suggestion
		if j == len(claims) || i < len(f.mentions) && compare(f.mentions[i].span, model.TypeActor, claimsAt[j], model.TypeClaim) <= 0 {
			s = mentionSuggestion(f.mentions[i], mentionQuotes[i])
			i++
		} else {
			s = claimSuggestion(claims[j], claimsAt[j], claimQuotes[j])
			j++
		}
		if !k.covered(s) {
			out = append(out, s)
		}
	}
	return out
}

// mentionSuggestion is the suggestion of a mention, whose text is quote.
func mentionSuggestion(m mention, quote string) Suggestion {
	return Suggestion{
		Type: model.TypeActor, Span: m.span, Quote: quote,
		Actor: m.e.ref(), Score: round(m.score), Reason: m.reason,
	}
}

// claimSuggestion is the suggestion of a claim at span, whose text is
// quote.
func claimSuggestion(c claim, span model.Span, quote string) Suggestion {
	s := Suggestion{
		Type: model.TypeClaim, Span: span, Quote: quote, Text: claimText(quote),
		Quotation: c.direct, Stance: model.Stance(c.stance), StanceReason: c.stanceReason,
		Score: round(c.score), Reason: c.reason,
	}
	if c.speaker != nil {
		s.Speaker = &Speaker{Actor: c.speaker.e.ref(), Span: c.speaker.span}
		how := ""
		if c.how != "" {
			how = " (" + c.how + ")"
		}
		s.Reason += "; said by " + c.speaker.e.name + how
	}
	if c.stanceReason != "" {
		s.Reason += "; " + c.stanceReason
	}
	return s
}

// ForDocument returns the suggestions for the article that doc codes:
// knowing its registry and then the codebook's actors, leaving out what
// doc codes already and what its coder rejected.
func ForDocument(art *model.Article, doc *annotate.Document, codebook []model.Actor) []Suggestion {
	actors := slices.Concat(doc.Actors, codebook)
	return Suggest(art, Known{Actors: actors, Coded: doc.Annotations, Rejected: doc.Rejections()})
}

// covered reports whether s is rejected, or marks text coded already with
// an annotation of its type.
func (k Known) covered(s Suggestion) bool {
	for _, r := range k.Rejected {
		if r.Rejects(s.Type, s.Span, s.Quote) {
			return true
		}
	}
	for _, n := range k.Coded {
		if n.Type == s.Type && !n.Orphan && n.Span.Overlaps(s.Span) {
			return true
		}
	}
	return false
}

// compare orders suggestions by offset, then by end, actors before
// claims.
func compare(a model.Span, at model.AnnotationType, b model.Span, bt model.AnnotationType) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
		cmp.Compare(typeOrder(at), typeOrder(bt)))
}

func typeOrder(t model.AnnotationType) int {
	if t == model.TypeActor {
		return 0
	}
	return 1
}

// claimText is annotate.ClaimText, which most quotes need not go
// through: those with single spaces and no quotation mark at either end.
func claimText(quote string) string {
	if strings.ContainsAny(quote, "\n\t") || strings.Contains(quote, "  ") ||
		strings.ContainsAny(firstAndLast(quote), "\"'“”‘’«»„‚‹›「」『』") {
		return annotate.ClaimText(quote)
	}
	return strings.TrimSpace(quote)
}

// firstAndLast returns the first and last characters of s.
func firstAndLast(s string) string {
	if s == "" {
		return ""
	}
	_, n := utf8.DecodeRuneInString(s)
	_, m := utf8.DecodeLastRuneInString(s)
	return s[:n] + s[len(s)-m:]
}

// round keeps two decimals of a score.
func round(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// ref names the entity as an actor.
func (e *entity) ref() ActorRef {
	return ActorRef{ID: e.id, Name: e.name, Kind: e.kind}
}

// At returns the index of the suggestion under offset in ss (sorted by
// offset), the shortest when several are, or -1.
func At(ss []Suggestion, offset int) int {
	best := -1
	for i, s := range ss {
		if s.Span.Start > offset {
			break
		}
		if s.Span.Contains(offset) && (best < 0 || s.Span.Len() < ss[best].Span.Len()) {
			best = i
		}
	}
	return best
}

// Next returns the index of the first suggestion of ss that starts after
// offset, or -1.
func Next(ss []Suggestion, offset int) int {
	i, _ := slices.BinarySearchFunc(ss, offset+1, func(s Suggestion, off int) int { return cmp.Compare(s.Span.Start, off) })
	if i == len(ss) {
		return -1
	}
	return i
}

// Previous returns the index of the last suggestion of ss that starts
// before offset, or -1.
func Previous(ss []Suggestion, offset int) int {
	i, _ := slices.BinarySearchFunc(ss, offset, func(s Suggestion, off int) int { return cmp.Compare(s.Span.Start, off) })
	return i - 1
}

// SameActor returns the actor suggestions of ss that name the same actor
// as s: the same existing actor, or a new one of the same name.
func SameActor(ss []Suggestion, s Suggestion) []Suggestion {
	var out []Suggestion
	for _, x := range ss {
		if x.Type == model.TypeActor && sameActor(x.Actor, s.Actor) {
			out = append(out, x)
		}
	}
	return out
}

func sameActor(a, b ActorRef) bool {
	if a.ID != "" || b.ID != "" {
		return a.ID == b.ID
	}
	return nameKey(a.Name) == nameKey(b.Name)
}

// AcceptActors tags the actor suggestions ss (of one actor, as SameActor
// gives them) in one undoable step, and returns the annotations made.
func AcceptActors(e *annotate.Editor, ss []Suggestion) ([]model.Annotation, error) {
	if len(ss) == 0 {
		return nil, nil
	}
	spans := make([]model.Span, len(ss))
	for i, s := range ss {
		spans[i] = s.Span
	}
	return e.TagActors(spans, ss[0].Actor.Choice())
}

// Reject records in the edited document that the coder rejected s.
func Reject(e *annotate.Editor, s Suggestion) error {
	return e.Reject(s.Type, s.Span)
}
