// Package annotate is the coding: the annotation document and its file
// (atomic saves, locks, schema versions), validation against its article,
// anchoring and re-anchoring, the undoable edits and pick rules the reader
// and the command line apply, and in annotate/export the formats other
// tools read. It knows nothing of terminals.
package annotate

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"maps"
	"slices"
	"strings"

	"stance/model"
	"stance/model/store"
)

// SchemaVersion is the newest annotation schema this program reads and
// writes.
const SchemaVersion = 1

// ArticleInfo identifies the article a document codes.
type ArticleInfo struct {
	Title  string
	Date   string
	Source string
	// URL and Fetched are set for an article fetched from the web: the
	// address it came from and when its snapshot was taken (RFC 3339, UTC).
	URL     string
	Fetched string
	SHA256  string // hex digest of the normalised text as UTF-8
	Length  int    // code points in the normalised text
	Extra   model.Extra
}

// Document is one article's coding: its actor and claim registries and its
// annotations, as stored in ARTICLE.stance.json.
type Document struct {
	Schema      int
	Generator   string
	Article     ArticleInfo
	Actors      []model.Actor
	Claims      []model.Claim
	Annotations []model.Annotation
	Extra       model.Extra
}

// Generator returns the value written to a document's "generator" field,
// "stance " followed by store.Version.
func Generator() string { return "stance " + store.Version }

// The prefixes of generated IDs: actors, claims and annotations ("notes").
const (
	ActorPrefix      = "a-"
	ClaimPrefix      = "c-"
	AnnotationPrefix = "n-"
)

// New returns an empty schema-1 document for a, recording its title, date,
// digest and length. source is written as given (usually the path the user
// opened); an empty generator means Generator().
func New(a *model.Article, source, generator string) *Document {
	if generator == "" {
		generator = Generator()
	}
	return &Document{
		Schema:    SchemaVersion,
		Generator: generator,
		Article: ArticleInfo{
			Title:  a.Meta.Title,
			Date:   a.Meta.Date,
			Source: source,
			SHA256: a.SHA256(),
			Length: a.Len(),
		},
		Actors:      []model.Actor{},
		Claims:      []model.Claim{},
		Annotations: []model.Annotation{},
	}
}

// NewID returns a fresh random ID: prefix followed by six lower-case hex
// digits, e.g. "a-3f9c2e". Use ActorPrefix, ClaimPrefix or AnnotationPrefix;
// a prefix without a trailing "-" gets one. IDs are random rather than
// sequential so that two people coding copies of one file can merge them; an
// ID already used anywhere in the document is never returned.
func (d *Document) NewID(prefix string) string {
	if prefix != "" && !strings.HasSuffix(prefix, "-") {
		prefix += "-"
	}
	for {
		var b [3]byte
		rand.Read(b[:]) // never fails since Go 1.24
		id := prefix + hex.EncodeToString(b[:])
		if !d.hasID(id) {
			return id
		}
	}
}

func (d *Document) hasID(id string) bool {
	return d.actorIndex(id) >= 0 || d.claimIndex(id) >= 0 || d.annotationIndex(id) >= 0
}

func (d *Document) actorIndex(id string) int {
	return slices.IndexFunc(d.Actors, func(a model.Actor) bool { return a.ID == id })
}

func (d *Document) claimIndex(id string) int {
	return slices.IndexFunc(d.Claims, func(c model.Claim) bool { return c.ID == id })
}

func (d *Document) annotationIndex(id string) int {
	return slices.IndexFunc(d.Annotations, func(n model.Annotation) bool { return n.ID == id })
}

// Actor returns a copy of the registry actor with the given ID.
func (d *Document) Actor(id string) (model.Actor, bool) {
	if i := d.actorIndex(id); i >= 0 {
		return cloneActor(d.Actors[i]), true
	}
	return model.Actor{}, false
}

// Claim returns a copy of the registry claim with the given ID.
func (d *Document) Claim(id string) (model.Claim, bool) {
	if i := d.claimIndex(id); i >= 0 {
		return cloneClaim(d.Claims[i]), true
	}
	return model.Claim{}, false
}

// Annotation returns a copy of the annotation with the given ID.
func (d *Document) Annotation(id string) (model.Annotation, bool) {
	if i := d.annotationIndex(id); i >= 0 {
		return cloneAnnotation(d.Annotations[i]), true
	}
	return model.Annotation{}, false
}

// AnnotationsAt returns the annotations whose span contains offset,
// innermost (shortest span) first; ties are in document order. A
// zero-length span contains only its own start. Orphans mark no text and
// are never returned.
func (d *Document) AnnotationsAt(offset int) []model.Annotation {
	var out []model.Annotation
	for _, n := range d.Annotations {
		if n.Orphan {
			continue
		}
		if n.Span.Contains(offset) || (n.Span.Len() == 0 && n.Span.Start == offset) {
			out = append(out, cloneAnnotation(n))
		}
	}
	slices.SortStableFunc(out, func(a, b model.Annotation) int {
		return cmp.Compare(a.Span.Len(), b.Span.Len())
	})
	return out
}

// ActorMentions returns how many actor annotations mark a mention of the
// actor with the given ID. Claims it speaks and positions it takes are not
// mentions.
func (d *Document) ActorMentions(id string) int {
	n := 0
	for _, a := range d.Annotations {
		if a.Type == model.TypeActor && a.Actor == id {
			n++
		}
	}
	return n
}

// Orphans returns the annotations that re-anchoring could not place in the
// article's text, in file order: the reader lists them apart, with their
// quotes, since they mark no text.
func (d *Document) Orphans() []model.Annotation {
	var out []model.Annotation
	for _, n := range d.Annotations {
		if n.Orphan {
			out = append(out, cloneAnnotation(n))
		}
	}
	return out
}

// Clone returns a deep copy of the document, sharing nothing with it, so
// that it can be saved or merged on another goroutine while d is edited.
func (d *Document) Clone() *Document {
	c := *d
	c.Article.Extra = maps.Clone(d.Article.Extra)
	c.Extra = maps.Clone(d.Extra)
	c.Actors = make([]model.Actor, len(d.Actors))
	for i, x := range d.Actors {
		c.Actors[i] = cloneActor(x)
	}
	c.Claims = make([]model.Claim, len(d.Claims))
	for i, x := range d.Claims {
		c.Claims[i] = cloneClaim(x)
	}
	c.Annotations = make([]model.Annotation, len(d.Annotations))
	for i, x := range d.Annotations {
		c.Annotations[i] = cloneAnnotation(x)
	}
	return &c
}

// Sort puts the annotations in file order: by start, then end, then ID.
func (d *Document) Sort() {
	// They usually are in order already (as loaded, or re-anchored on an
	// unchanged text); checking is cheaper than sorting.
	if !slices.IsSortedFunc(d.Annotations, compareAnnotations) {
		slices.SortStableFunc(d.Annotations, compareAnnotations)
	}
}

// compareAnnotations orders annotations by start, then end, then ID.
func compareAnnotations(a, b model.Annotation) int {
	return compareAnnotationPtrs(&a, &b)
}

func compareAnnotationPtrs(a, b *model.Annotation) int {
	if c := cmp.Compare(a.Span.Start, b.Span.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.End, b.Span.End); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func cloneActor(a model.Actor) model.Actor {
	a.Aliases = slices.Clone(a.Aliases)
	a.Learned = slices.Clone(a.Learned)
	a.Extra = maps.Clone(a.Extra)
	return a
}

func cloneClaim(c model.Claim) model.Claim {
	c.Extra = maps.Clone(c.Extra)
	return c
}

func cloneAnnotation(n model.Annotation) model.Annotation {
	n.Extra = maps.Clone(n.Extra)
	return n
}
