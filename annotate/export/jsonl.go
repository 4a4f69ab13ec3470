package export

import (
	"bytes"
	"encoding/json"
	"io"

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
	var arr bytes.Buffer
	arr.WriteByte('[')
	for i, it := range corpus {
		data, err := it.Doc.Marshal()
		if err != nil {
			return err
		}
		if i > 0 {
			arr.WriteByte(',')
		}
		if err := json.Compact(&arr, data); err != nil {
			return err
		}
	}
	arr.WriteByte(']')
	var out bytes.Buffer
	if err := json.Indent(&out, arr.Bytes(), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := out.WriteTo(w)
	return err
}

// The doccano relation-extraction record: text, entities and relations are
// what doccano imports; the other members are kept as the example's
// metadata.
type (
	doccanoRecord struct {
		Text        string              `json:"text"`
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
	// doccanoAnnotation ties an entity to the stance annotation it comes
	// from; Entity is 0 for a position with no span to show.
	doccanoAnnotation struct {
		ID     string `json:"id"`
		Entity int    `json:"entity_id"`
		Type   string `json:"type"`
		Actor  string `json:"actor,omitempty"`
		Claim  string `json:"claim,omitempty"`
		Stance string `json:"stance,omitempty"`
		Note   string `json:"note,omitempty"`
		Author string `json:"author,omitempty"`
		Orphan bool   `json:"orphan,omitempty"`
	}
)

// The relation types of the JSONL export.
const (
	relSpeaker = "speaker" // actor mention → claim: who makes the claim
	relHolder  = "holder"  // actor mention → position: who takes it
	relTarget  = "target"  // position → claim: what it is about
)

// writeJSONL writes one doccano record per article. Entities are the
// annotations, labelled "actor", "claim", or for a position its stance
// ("support", "oppose", "neutral"); relations link the nearest mention of a
// claim's speaker to the claim (speaker), and a position to the nearest
// mention of its actor (holder) and the nearest annotation of its claim
// (target). Offsets are code points, as Python slices str. Orphaned
// annotations have no entity; they are listed, marked, in "annotations".
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

	l := newLinks(it.Doc)
	entity := map[string]int{} // annotation ID → entity ID
	for _, n := range it.Doc.Annotations {
		if n.Orphan {
			continue
		}
		label, span := string(n.Type), n.Span
		if n.Type == model.TypePosition {
			label = string(n.Stance)
			var ok bool
			if span, ok = l.evidence(n); !ok {
				continue
			}
		}
		id := len(rec.Entities) + 1
		entity[n.ID] = id
		rec.Entities = append(rec.Entities, doccanoEntity{id, label, span.Start, span.End})
	}
	relate := func(from, to int, typ string) {
		if from > 0 && to > 0 {
			rec.Relations = append(rec.Relations, doccanoRelation{len(rec.Relations) + 1, from, to, typ})
		}
	}
	for _, n := range it.Doc.Annotations {
		rec.Annotations = append(rec.Annotations, doccanoAnnotation{
			ID: n.ID, Entity: entity[n.ID], Type: string(n.Type),
			Actor: n.Actor, Claim: n.Claim, Stance: string(n.Stance), Note: n.Note, Author: n.Author, Orphan: n.Orphan,
		})
		switch {
		case n.Orphan:
		case n.Type == model.TypeClaim:
			if n.Actor != "" {
				if m, ok := l.mention(n.Actor, n.Span); ok {
					relate(entity[m.ID], entity[n.ID], relSpeaker)
				}
			}
		case n.Type == model.TypePosition:
			span, ok := l.evidence(n)
			if !ok {
				continue
			}
			if m, ok := l.mention(n.Actor, span); ok {
				relate(entity[m.ID], entity[n.ID], relHolder)
			}
			if c, ok := l.claimAt(n.Claim, span); ok {
				relate(entity[n.ID], entity[c.ID], relTarget)
			}
		}
	}
	return rec
}
