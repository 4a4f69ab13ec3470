package agree

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"stance/annotate"
	"stance/model"
)

// Adjudication settles an article's coding from its coders' codings, item
// by item (see Item): for each, a person accepts one coder's version,
// several, or none; the items all coders marked alike can be accepted in
// bulk. Shared is the coding that results, the article's shared coding;
// Outcome tells a coder what became of theirs. The reader's adjudication
// view drives it, one disagreement at a time.
type Adjudication struct {
	article  Article
	ids      *identities
	items    []Item
	accepted [][]int // per item, the coders whose versions are accepted
	decided  []bool
	own      []bool // per item, whether the shared coding has a version of its own (Resume)
	// held is, per item and coder, the ID of the annotation of the shared
	// coding that holds the version (Resume), "" for none: Shared writes
	// the version under it, so that a merge takes them for one.
	held [][]string
	// renamed keeps the ID Shared gave an entity whose own was taken, so
	// that every shared coding it makes names it alike.
	renamed map[string]string
}

// NewAdjudication starts the adjudication of an article's codings, with
// nothing decided.
func NewAdjudication(a Article) *Adjudication {
	ids := newIdentities([]Article{a})
	items := allItems(a, ids)
	return &Adjudication{article: a, ids: ids, items: items,
		accepted: make([][]int, len(items)), decided: make([]bool, len(items)), own: make([]bool, len(items)),
		held: make([][]string, len(items)), renamed: map[string]string{}}
}

// Article returns the article adjudicated, with its codings.
func (ad *Adjudication) Article() Article { return ad.article }

// Items returns the article's items in text order.
func (ad *Adjudication) Items() []Item { return ad.items }

// Disagreements returns the indexes of the items whose versions differ, in
// text order: what a person must decide.
func (ad *Adjudication) Disagreements() []int {
	var out []int
	for i, it := range ad.items {
		if len(it.Differ) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// Disagreement describes item i for a person: where, what differs, each
// coder's version.
func (ad *Adjudication) Disagreement(i int) Disagreement {
	return disagreement(ad.article, ad.ids, ad.items[i])
}

// Accept decides item i: the versions of coders (indexes into the
// article's codings) go into the shared coding, and only those. One coder
// accepts theirs; several accept each of theirs (both readings stay);
// none accepts neither, and the item is left out. A coder without a
// version of the item is an error. A later Accept of the same item
// replaces the decision.
func (ad *Adjudication) Accept(i int, coders ...int) error {
	if i < 0 || i >= len(ad.items) {
		return fmt.Errorf("no item %d (there are %d)", i, len(ad.items))
	}
	var chosen []int
	for _, c := range coders {
		if c < 0 || c >= len(ad.article.Codings) {
			return fmt.Errorf("no coder %d (there are %d)", c, len(ad.article.Codings))
		}
		if ad.items[i].Versions[c] == nil {
			return fmt.Errorf("%s did not mark %s", ad.article.Codings[c].Coder, annotate.Described(*ad.firstVersion(i)))
		}
		if !slices.Contains(chosen, c) {
			chosen = append(chosen, c)
		}
	}
	slices.Sort(chosen)
	ad.accepted[i], ad.decided[i] = chosen, true
	return nil
}

// AcceptAgreements accepts every undecided item that all coders marked
// alike, taking the first coder's version, and returns how many it
// accepted.
func (ad *Adjudication) AcceptAgreements() int {
	n := 0
	for i, it := range ad.items {
		if !ad.decided[i] && len(it.Differ) == 0 {
			ad.accepted[i], ad.decided[i] = []int{0}, true
			n++
		}
	}
	return n
}

// Decision returns the coders whose versions of item i are accepted, and
// whether the item is decided at all.
func (ad *Adjudication) Decision(i int) (coders []int, decided bool) {
	return slices.Clone(ad.accepted[i]), ad.decided[i]
}

// Own reports whether the shared coding that Resume read has a version of
// item i of its own: an annotation of the item's type over its text that
// is no coder's version, made or changed there by hand. It decides the
// item; the versions accepted besides stay.
func (ad *Adjudication) Own(i int) bool { return ad.own[i] }

// Undecided counts the items not yet decided.
func (ad *Adjudication) Undecided() int {
	n := 0
	for _, d := range ad.decided {
		if !d {
			n++
		}
	}
	return n
}

func (ad *Adjudication) firstVersion(i int) *model.Annotation {
	for _, v := range ad.items[i].Versions {
		if v != nil {
			return v
		}
	}
	return nil
}

// Shared returns the shared coding the decisions so far make: the article
// as the first coding records it, and the accepted versions of the decided
// items, each with its coder's ID, author and times, so that a coder can
// find theirs. Actors and claims come with the annotations that use them:
// an actor (or claim) that several coders have under their own IDs (by
// name or alias, or wording) is one, under the ID of the first version
// accepted, with the other names as aliases. Undecided items are left out;
// the items decided for nobody are recorded as left out (LeftOutKey).
func (ad *Adjudication) Shared() *annotate.Document {
	first := ad.article.Codings[0].Doc
	out := &annotate.Document{
		Schema: annotate.SchemaVersion, Generator: annotate.Generator(), Article: first.Article,
		Actors: []model.Actor{}, Claims: []model.Claim{}, Annotations: []model.Annotation{},
	}
	out.Article.Extra = maps.Clone(first.Article.Extra)
	actors, claims := map[int]int{}, map[int]int{} // group → index in out
	for i, it := range ad.items {
		for _, c := range ad.accepted[i] {
			doc := ad.article.Codings[c].Doc
			n := *it.Versions[c]
			n.Extra = maps.Clone(n.Extra)
			n.Actor = ad.bringActor(out, actors, c, doc, n.Actor)
			n.Claim = ad.bringClaim(out, claims, c, doc, n.Claim)
			if ad.held[i] != nil && ad.held[i][c] != "" {
				n.ID = ad.held[i][c]
			}
			if taken(out, n.ID) {
				n.ID = ad.rename(out, annotate.AnnotationPrefix, c, it.Versions[c].ID)
			}
			out.Annotations = append(out.Annotations, n)
		}
	}
	if left := ad.leftOutItems(); left != nil {
		out.Extra = model.Extra{LeftOutKey: left}
	}
	out.Sort()
	return out
}

// bringActor returns the ID in out of actor id of doc, adding the actor to
// out (or its names to the aliases of the one out has) as need be.
func (ad *Adjudication) bringActor(out *annotate.Document, index map[int]int, coder int, doc *annotate.Document, id string) string {
	a, ok := doc.Actor(id)
	if !ok {
		return id // a broken reference stays as it is: validate reports it
	}
	g := ad.ids.actorOf(doc, id)
	if i, ok := index[g]; ok {
		shared := &out.Actors[i]
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			if !goesBy(*shared, name) {
				shared.Aliases = append(shared.Aliases, name)
			}
		}
		return shared.ID
	}
	if taken(out, a.ID) {
		a.ID = ad.rename(out, annotate.ActorPrefix, coder, a.ID)
	}
	index[g] = len(out.Actors)
	out.Actors = append(out.Actors, a)
	return a.ID
}

// bringClaim is bringActor for claims.
func (ad *Adjudication) bringClaim(out *annotate.Document, index map[int]int, coder int, doc *annotate.Document, id string) string {
	cl, ok := doc.Claim(id)
	if !ok {
		return id
	}
	g := ad.ids.claimOf(doc, id)
	if i, ok := index[g]; ok {
		return out.Claims[i].ID
	}
	if taken(out, cl.ID) {
		cl.ID = ad.rename(out, annotate.ClaimPrefix, coder, cl.ID)
	}
	index[g] = len(out.Claims)
	out.Claims = append(out.Claims, cl)
	return cl.ID
}

// rename gives coder's entity id, taken in out, an ID of its own: the one
// it had in the shared codings made before, if out has not taken it too.
func (ad *Adjudication) rename(out *annotate.Document, prefix string, coder int, id string) string {
	k := prefix + strconv.Itoa(coder) + " " + id
	if r, ok := ad.renamed[k]; ok && !taken(out, r) {
		return r
	}
	r := out.NewID(prefix)
	ad.renamed[k] = r
	return r
}

// goesBy reports whether a's name or an alias is name, ignoring case and
// spacing.
func goesBy(a model.Actor, name string) bool {
	k := annotate.NameKey(name)
	if annotate.NameKey(a.Name) == k {
		return true
	}
	return slices.ContainsFunc(a.Aliases, func(s string) bool { return annotate.NameKey(s) == k })
}

// taken reports whether out uses id for anything.
func taken(out *annotate.Document, id string) bool {
	_, a := out.Actor(id)
	_, c := out.Claim(id)
	_, n := out.Annotation(id)
	return a || c || n
}

// Outcome is what became of one item for one coder.
type Outcome struct {
	Item   int
	Result string // "kept", "replaced" (by another coder's version, or the adjudicator's own: By empty), "dropped", "added" (another coder's, which they did not mark), "undecided"
	By     []string
}

// Outcome tells coder (an index into the article's codings) what the
// adjudication did with their coding: for each item they marked, whether
// their version was kept (or one alike, when all coders marked the item
// alike), replaced by another's or dropped, and the items they did not
// mark that were added.
func (ad *Adjudication) Outcome(coder int) []Outcome {
	var out []Outcome
	for i, it := range ad.items {
		mine := it.Versions[coder] != nil
		accepted := ad.accepted[i]
		var others []string
		for _, c := range accepted {
			if c != coder {
				others = append(others, ad.article.Codings[c].Coder)
			}
		}
		switch {
		case !ad.decided[i]:
			if mine {
				out = append(out, Outcome{Item: i, Result: "undecided"})
			}
		case mine && (slices.Contains(accepted, coder) || len(it.Differ) == 0 && len(accepted) > 0):
			out = append(out, Outcome{Item: i, Result: "kept"})
		case mine && (len(accepted) > 0 || ad.own[i]):
			out = append(out, Outcome{Item: i, Result: "replaced", By: others})
		case mine:
			out = append(out, Outcome{Item: i, Result: "dropped"})
		case len(accepted) > 0:
			out = append(out, Outcome{Item: i, Result: "added", By: others})
		}
	}
	return out
}
