package export

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"stance/annotate"
	"stance/model"
)

// annoContext is the Web Annotation data model's JSON-LD context, which
// every W3C export names first.
const annoContext = "http://www.w3.org/ns/anno.jsonld"

// vocab is the namespace of the terms stance adds to the body of an
// annotation.
const vocab = "urn:stance:vocab#"

// stanceContext defines stance's body terms, so that a JSON-LD processor
// keeps them rather than dropping them as undefined.
var stanceContext = map[string]string{
	"st":             vocab,
	"annotationType": "st:annotationType",
	"actor":          "st:actor",
	"actorId":        "st:actorId",
	"actorKind":      "st:actorKind",
	"claim":          "st:claim",
	"claimId":        "st:claimId",
	"stance":         "st:stance",
}

type (
	w3cCollection struct {
		Context []any   `json:"@context"`
		ID      string  `json:"id"`
		Type    string  `json:"type"`
		Label   string  `json:"label"`
		Total   int     `json:"total"`
		First   w3cPage `json:"first"`
	}
	w3cPage struct {
		ID         string          `json:"id"`
		Type       string          `json:"type"`
		StartIndex int             `json:"startIndex"`
		Items      []w3cAnnotation `json:"items"`
	}
	w3cAnnotation struct {
		// Context is the collection's: an annotation taken out of it
		// stands alone (the model's §3.1: an annotation MUST have one).
		Context    []any       `json:"@context"`
		ID         string      `json:"id"`
		Type       string      `json:"type"`
		Motivation string      `json:"motivation"`
		Creator    *w3cCreator `json:"creator,omitempty"`
		Created    string      `json:"created,omitempty"`
		Modified   string      `json:"modified,omitempty"`
		Body       []w3cBody   `json:"body"`
		// Target is a w3cTarget, or the article's IRI alone for an
		// annotation with no span to select; for an article with a URL,
		// an array of two: the page, then the text by its digest.
		Target any `json:"target"`
	}
	w3cBody struct {
		Type           string `json:"type"`
		Purpose        string `json:"purpose"`
		Format         string `json:"format"`
		Value          string `json:"value"`
		AnnotationType string `json:"annotationType,omitempty"`
		Actor          string `json:"actor,omitempty"`
		ActorID        string `json:"actorId,omitempty"`
		ActorKind      string `json:"actorKind,omitempty"`
		Claim          string `json:"claim,omitempty"`
		ClaimID        string `json:"claimId,omitempty"`
		Stance         string `json:"stance,omitempty"`
	}
	// w3cCreator is the agent who made an annotation: its coder.
	w3cCreator struct {
		Type string `json:"type"`
		Name string `json:"name"`
	}
	w3cTarget struct {
		Type     string    `json:"type"`
		Source   string    `json:"source"`
		State    *w3cState `json:"state,omitempty"`
		Selector []any     `json:"selector"`
	}
	// w3cState is the TimeState of a page fetched from the web: when its
	// snapshot was taken, and the text the selectors count in, named by
	// its digest.
	w3cState struct {
		Type       string `json:"type"`
		SourceDate string `json:"sourceDate"`
		Cached     string `json:"cached"`
	}
	textQuoteSelector struct {
		Type   string `json:"type"`
		Exact  string `json:"exact"`
		Prefix string `json:"prefix"`
		Suffix string `json:"suffix"`
	}
	textPositionSelector struct {
		Type  string `json:"type"`
		Start int    `json:"start"`
		End   int    `json:"end"`
	}
)

// writeW3C writes the corpus as one W3C Web Annotation AnnotationCollection
// with all its annotations on its first page, each with the collection's
// @context so that it stands alone. Each annotation targets its article,
// named by a content-hash IRI (RFC 6920, "ni:///sha-256;…") of the
// normalised text its offsets refer to, through a TextQuoteSelector and a
// TextPositionSelector (code points); an article with a URL (a web page)
// is targeted first at that address, with the same selectors — what a
// client that anchors on the page needs — and, when the annotations file
// says when the page was fetched, a TimeState with that date and the
// digest, then by its digest as before. Its first body carries the coding
// (annotationType, actor, claim, stance), a second one its note; its
// creator, when the file records an author, is that Person. An orphaned
// annotation targets the article (the page and the digest) as a whole.
func writeW3C(w io.Writer, corpus []Item) error {
	coll := w3cCollection{
		Context: []any{annoContext, stanceContext},
		Type:    "AnnotationCollection",
		First:   w3cPage{Type: "AnnotationPage", Items: []w3cAnnotation{}},
	}
	ident := sha256.New()
	for _, it := range corpus {
		digest := it.Article.SHA256()
		fmt.Fprintln(ident, digest)
		l := newLinks(it.Doc)
		for _, n := range it.Doc.Annotations {
			fmt.Fprintln(ident, n.ID)
			a := w3cItem(it, l, digest, n)
			a.Context = coll.Context
			coll.First.Items = append(coll.First.Items, a)
		}
	}
	id := "urn:stance:collection:" + hex.EncodeToString(ident.Sum(nil))[:16]
	coll.ID, coll.First.ID = id, id+":page:1"
	coll.Total = len(coll.First.Items)
	if len(corpus) == 1 {
		coll.Label = metaOf(corpus[0]).Title
	} else {
		coll.Label = fmt.Sprintf("stance coding of %d articles", len(corpus))
	}

	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(coll)
}

// contentIRI names a text by its SHA-256 digest (hex), as RFC 6920 does.
func contentIRI(digest string) string {
	sum, err := hex.DecodeString(digest)
	if err != nil {
		return "urn:stance:article:" + digest
	}
	return "ni:///sha-256;" + base64.RawURLEncoding.EncodeToString(sum)
}

func w3cItem(it Item, l links, digest string, n model.Annotation) w3cAnnotation {
	source := contentIRI(digest)
	page := metaOf(it).URL
	actor, _ := it.Doc.Actor(n.Actor)
	claim, _ := it.Doc.Claim(n.Claim)
	body := w3cBody{
		Type: "TextualBody", Purpose: "classifying", Format: "text/plain",
		AnnotationType: string(n.Type),
		Actor:          actor.Name, ActorID: actor.ID, ActorKind: string(actor.Kind),
		Claim: claim.Text, ClaimID: claim.ID, Stance: string(n.Stance),
	}
	motivation := "classifying"
	switch n.Type {
	case model.TypeActor:
		motivation, body.Purpose = "identifying", "identifying"
		body.Value = fmt.Sprintf("%s (%s)", actor.Name, actor.Kind)
	case model.TypeClaim:
		body.Value = claim.Text
		if actor.Name != "" {
			body.Value = actor.Name + ": " + claim.Text
		}
	case model.TypePosition:
		body.Value = fmt.Sprintf("%s %s: %s", actor.Name, stanceVerb(n.Stance), claim.Text)
	}
	a := w3cAnnotation{
		ID:         "urn:stance:annotation:" + digest[:min(16, len(digest))] + ":" + n.ID,
		Type:       "Annotation",
		Motivation: motivation,
		Created:    n.Created,
		Modified:   n.Modified,
		Body:       []w3cBody{body},
		Target:     source,
	}
	if page != "" {
		a.Target = []any{page, source}
	}
	if n.Author != "" {
		a.Creator = &w3cCreator{Type: "Person", Name: n.Author}
	}
	if n.Note != "" {
		a.Body = append(a.Body, w3cBody{Type: "TextualBody", Purpose: "commenting", Format: "text/plain", Value: n.Note})
	}
	span, ok := n.Span, !n.Orphan
	if n.Type == model.TypePosition {
		span, ok = l.evidence(n)
	}
	if ok {
		exact, prefix, suffix := annotate.Anchor(it.Article, span)
		selectors := []any{
			textQuoteSelector{Type: "TextQuoteSelector", Exact: exact, Prefix: prefix, Suffix: suffix},
			textPositionSelector{Type: "TextPositionSelector", Start: span.Start, End: span.End},
		}
		text := w3cTarget{Type: "SpecificResource", Source: source, Selector: selectors}
		a.Target = text
		if page != "" {
			onPage := w3cTarget{Type: "SpecificResource", Source: page, Selector: selectors}
			if fetched := it.Doc.Article.Fetched; isDateTime(fetched) {
				onPage.State = &w3cState{Type: "TimeState", SourceDate: fetched, Cached: source}
			}
			a.Target = []any{onPage, text}
		}
	}
	return a
}

// isDateTime reports whether s is an RFC 3339 date and time, as the
// model's sourceDate must be.
func isDateTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// stanceVerb says a stance as a verb: "supports", "opposes", "is neutral on".
func stanceVerb(s model.Stance) string {
	switch s {
	case model.StanceSupport:
		return "supports"
	case model.StanceOppose:
		return "opposes"
	case model.StanceNeutral:
		return "is neutral on"
	}
	return string(s)
}
