package export

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"slices"
	"sort"

	"stance/model"
)

// writeJSON writes the native documents: for one article exactly its
// annotations file (as Document.Marshal writes it), for several a JSON
// array of them.
func writeJSON(w io.Writer, corpus []Item) error {
	if len(corpus) == 1 {
		data, err := corpus[0].Doc.Marshal()
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	// The documents are written on every core. Marshal lays a document
	// out as json.Indent does (annotate's FuzzParseAgrees checks it), so as
	// an element of the array it needs only each line indented once more:
	// the array is what indenting it whole would give.
	elems, errs := make([][]byte, len(corpus)), make([]error, len(corpus))
	forEach(len(corpus), func(i int) {
		data, err := corpus[i].Doc.Marshal()
		elems[i], errs[i] = bytes.ReplaceAll(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"), []byte("\n  ")), err
	})
	var out bytes.Buffer
	out.WriteByte('[')
	for i := range elems {
		if errs[i] != nil {
			return errs[i]
		}
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteString("\n  ")
		out.Write(elems[i])
	}
	if len(elems) > 0 {
		out.WriteByte('\n')
	}
	out.WriteString("]\n")
	_, err := out.WriteTo(w)
	return err
}

// The doccano record: text, label, entities and relations are what
// doccano imports; the other members become the example's metadata.
type (
	doccanoRecord struct {
		Text string `json:"text"`
		// Label is the spans as a sequence-labelling project imports them
		// ([start, end, label]); Entities and Relations are the same spans
		// and the relations between them, as a project with relation
		// labelling imports them.
		Label       [][3]any            `json:"label"`
		Entities    []doccanoEntity     `json:"entities"`
		Relations   []doccanoRelation   `json:"relations"`
		Title       string              `json:"title"`
		Date        string              `json:"date"`
		Source      string              `json:"source"`
		URL         string              `json:"url,omitempty"`
		SHA256      string              `json:"sha256"`
		Actors      []doccanoActor      `json:"actors"`
		Claims      []doccanoClaim      `json:"claims"`
		Annotations []doccanoAnnotation `json:"annotations"`
	}
	doccanoEntity struct {
		ID    int    `json:"id"`
		Label string `json:"label"`
		Start int    `json:"start_offset"`
		End   int    `json:"end_offset"`
	}
	doccanoRelation struct {
		ID   int    `json:"id"`
		From int    `json:"from_id"`
		To   int    `json:"to_id"`
		Type string `json:"type"`
	}
	doccanoActor struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Kind    string   `json:"kind"`
		Aliases []string `json:"aliases,omitempty"`
	}
	doccanoClaim struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	// doccanoAnnotation is one stance annotation, with its own span and
	// what stands for it in doccano: the entity of an actor mention or a
	// claim, the relation of a position (0 for none).
	doccanoAnnotation struct {
		ID       string `json:"id"`
		Type     string `json:"type"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		Entity   int    `json:"entity_id"`
		Relation int    `json:"relation_id"`
		Actor    string `json:"actor,omitempty"`
		Claim    string `json:"claim,omitempty"`
		Stance   string `json:"stance,omitempty"`
		Note     string `json:"note,omitempty"`
		Author   string `json:"author,omitempty"`
		Orphan   bool   `json:"orphan,omitempty"`
	}
)

// The labels of the JSONL export's spans, and the type of its speaker
// relation; a position's relation is typed by its stance.
const (
	labelActor = "actor"
	labelClaim = "claim"
	relSpeaker = "speaker" // actor mention → claim: who makes the claim
)

// writeJSONL writes one doccano record per article, made to import as
// doccano sets a project up by default, where spans may not overlap
// (doccano drops each span that overlaps an earlier one, and a relation to
// a dropped span stops the import with a KeyError): the spans are actor
// mentions and claims, none overlapping another — a claim is kept before
// an actor mention inside or across it, and of two that overlap the one
// that starts first (or, from the same place, the longer); relations link
// a claim to the nearest kept mention of its speaker (speaker) and, for
// each position, the nearest kept mention of its actor to the nearest kept
// annotation of its claim, typed by the stance (support, oppose, neutral),
// both nearest to the position's evidence. The same spans are written
// twice: as label, which a sequence-labelling project reads, and as
// entities with the relations, which a project with relation labelling
// reads. Every stance annotation is listed in annotations with its own
// span and its entity or relation (0 when doccano has none for it: an
// orphan, a span left out for overlapping, a position whose actor or claim
// has no span kept). Offsets are code points, as Python slices str.
func writeJSONL(w io.Writer, corpus []Item) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range corpus {
		if err := enc.Encode(doccano(it)); err != nil {
			return err
		}
	}
	return nil
}

func doccano(it Item) doccanoRecord {
	m := metaOf(it)
	rec := doccanoRecord{
		Text: it.Article.Text, Title: m.Title, Date: m.Date, Source: m.Source, URL: m.URL,
		SHA256:      it.Article.SHA256(),
		Label:       [][3]any{},
		Entities:    []doccanoEntity{},
		Relations:   []doccanoRelation{},
		Actors:      []doccanoActor{},
		Claims:      []doccanoClaim{},
		Annotations: []doccanoAnnotation{},
	}
	for _, a := range it.Doc.Actors {
		rec.Actors = append(rec.Actors, doccanoActor{a.ID, a.Name, string(a.Kind), a.Aliases})
	}
	for _, c := range it.Doc.Claims {
		rec.Claims = append(rec.Claims, doccanoClaim{c.ID, c.Text})
	}

	kept := doccanoSpans(it.Doc.Annotations)
	entity := map[string]int{} // annotation ID → entity ID
	for _, n := range kept {
		id := len(rec.Entities) + 1
		entity[n.ID] = id
		label := labelActor
		if n.Type == model.TypeClaim {
			label = labelClaim
		}
		rec.Entities = append(rec.Entities, doccanoEntity{id, label, n.Span.Start, n.Span.End})
		rec.Label = append(rec.Label, [3]any{n.Span.Start, n.Span.End, label})
	}
	// Relations may only join kept spans: links of the kept ones alone.
	l := links{mentions: map[string][]model.Annotation{}, claims: map[string][]model.Annotation{}}
	for _, n := range kept {
		if n.Type == model.TypeActor {
			l.mentions[n.Actor] = append(l.mentions[n.Actor], n)
		} else {
			l.claims[n.Claim] = append(l.claims[n.Claim], n)
		}
	}
	all := newLinks(it.Doc)
	relate := func(from, to model.Annotation, typ string) int {
		id := len(rec.Relations) + 1
		rec.Relations = append(rec.Relations, doccanoRelation{id, entity[from.ID], entity[to.ID], typ})
		return id
	}
	for _, n := range it.Doc.Annotations {
		a := doccanoAnnotation{
			ID: n.ID, Type: string(n.Type), Start: n.Span.Start, End: n.Span.End, Entity: entity[n.ID],
			Actor: n.Actor, Claim: n.Claim, Stance: string(n.Stance), Note: n.Note, Author: n.Author, Orphan: n.Orphan,
		}
		switch {
		case n.Type == model.TypeClaim && a.Entity > 0 && n.Actor != "":
			if m, ok := l.mention(n.Actor, n.Span); ok {
				relate(m, n, relSpeaker)
			}
		case n.Type == model.TypePosition:
			span, ok := all.evidence(n)
			if !ok {
				break
			}
			m, okM := l.mention(n.Actor, span)
			c, okC := l.claimAt(n.Claim, span)
			if okM && okC {
				a.Relation = relate(m, c, string(n.Stance))
			}
		}
		rec.Annotations = append(rec.Annotations, a)
	}
	return rec
}

// doccanoSpans returns the actor and claim annotations that become
// doccano spans, in text order: none empty or orphaned, none overlapping
// another; claims first, then actor mentions, each in text order and the
// longer first from the same place, take their place if it is free.
func doccanoSpans(notes []model.Annotation) []model.Annotation {
	var claims, mentions []model.Annotation
	for _, n := range notes {
		switch {
		case n.Orphan || n.Span.Len() <= 0:
		case n.Type == model.TypeClaim:
			claims = append(claims, n)
		case n.Type == model.TypeActor:
			mentions = append(mentions, n)
		}
	}
	var kept []model.Annotation // sorted by start, none overlapping
	for _, group := range [][]model.Annotation{claims, mentions} {
		slices.SortStableFunc(group, func(a, b model.Annotation) int {
			return cmp.Or(cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(b.Span.End, a.Span.End))
		})
		for _, n := range group {
			// The first kept span that ends after n starts is the only one
			// n could overlap first.
			i := sort.Search(len(kept), func(i int) bool { return kept[i].Span.End > n.Span.Start })
			if i < len(kept) && kept[i].Span.Start < n.Span.End {
				continue
			}
			kept = slices.Insert(kept, i, n)
		}
	}
	return kept
}
