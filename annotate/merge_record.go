package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"stance/model"
	"stance/model/store"
)

// conflictsKey is the top-level member in which a merge with nobody to ask
// (git's merge driver) records the conflicts it found. It is not one of
// schema 1's keys: an older stance keeps it as an unknown member, and
// writes it back.
const conflictsKey = "conflicts"

// RecordedConflict is a conflict that MergeRecorded kept in a document's
// "conflicts" member: an entity both sides of a merge changed differently
// (or one changed and the other deleted). The document holds one version,
// ours unless ours deleted it; Other holds the other side's, so that
// nothing is lost, until a person decides (ResolveConflict).
//
//	{"kind": "annotation", "id": "n-5b1e07", "ours": "changed", "theirs": "changed",
//	 "other": {"id": "n-5b1e07", "type": "position", …}}
type RecordedConflict struct {
	Kind   string          `json:"kind"` // "actor", "claim", "annotation" or "field"
	ID     string          `json:"id"`
	Ours   string          `json:"ours"`   // what the side merged into did: "added", "changed" or "deleted"
	Theirs string          `json:"theirs"` // what the side merged in did
	Other  json.RawMessage `json:"other,omitempty"`
}

// String describes the conflict: "annotation n-5b1e07: changed on both
// sides", "annotation n-5b1e07: ours changed, theirs deleted".
func (c RecordedConflict) String() string {
	if c.Ours == c.Theirs {
		return fmt.Sprintf("%s %s: %s on both sides", c.Kind, showID(c.ID), c.Ours)
	}
	return fmt.Sprintf("%s %s: ours %s, theirs %s", c.Kind, showID(c.ID), c.Ours, c.Theirs)
}

// Conflicts returns the conflicts recorded in the document, oldest first.
// A "conflicts" member that is not a list of them is an error.
func (d *Document) Conflicts() ([]RecordedConflict, error) { return recordsIn(d.Extra) }

// MergeRecorded merges as Merge does, for git's merge driver (MergeFiles),
// where nobody is there to ask: ours is the version merged into, theirs the
// one merged in. An entity one side deleted and the other changed is kept,
// changed, so that no annotation is ever lost; and every conflict is
// recorded in the result's "conflicts" member (see RecordedConflict) with
// the version the result does not hold. The conflicts are also returned.
func MergeRecorded(base, ours, theirs *Document) (*Document, []Conflict, error) {
	out, conflicts := merge(base, ours, theirs, true)
	if len(conflicts) == 0 {
		return out, nil, nil
	}
	var err error
	if out.Extra, err = record(out.Extra, conflicts); err != nil {
		return nil, nil, err
	}
	return out, conflicts, nil
}

// record adds conflicts to the records kept in extra's "conflicts"
// member, and returns extra.
func record(extra model.Extra, conflicts []Conflict) (model.Extra, error) {
	records, err := recordsIn(extra)
	if err != nil {
		return nil, err
	}
	for _, c := range conflicts {
		r := RecordedConflict{Kind: c.Kind, ID: c.ID, Ours: c.Mine, Theirs: c.Theirs}
		if r.Other, err = entityJSON(c.other); err != nil {
			return nil, err
		}
		records = append(records, r)
	}
	return withRecords(extra, records)
}

// recordsIn reads the records of extra's "conflicts" member.
func recordsIn(extra model.Extra) ([]RecordedConflict, error) {
	raw, ok := extra[conflictsKey]
	if !ok {
		return nil, nil
	}
	var out []RecordedConflict
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("the recorded conflicts cannot be read: %w", err)
	}
	return out, nil
}

// withRecords writes records into extra's "conflicts" member, removing it
// when there are none, and returns extra.
func withRecords(extra model.Extra, records []RecordedConflict) (model.Extra, error) {
	if len(records) == 0 {
		delete(extra, conflictsKey)
		return extra, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(records); err != nil {
		return nil, fmt.Errorf("recording conflicts: %w", err)
	}
	if extra == nil {
		extra = model.Extra{}
	}
	extra[conflictsKey] = bytes.TrimSpace(buf.Bytes())
	return extra, nil
}

// entityJSON is an entity as the file writes it, or nil for none.
func entityJSON(v any) (json.RawMessage, error) {
	w := &jsonWriter{}
	switch x := v.(type) {
	case nil:
		return nil, nil
	case model.Actor:
		w.actor(&x)
	case model.Claim:
		w.claim(&x)
	case model.Annotation:
		w.annotation(&x)
	case json.RawMessage:
		return x, nil
	default:
		return nil, fmt.Errorf("recording conflicts: no JSON for %T", v)
	}
	return w.buf, w.err
}

// mergeRecords merges the recorded conflicts of three versions as a set:
// a record (compared as compact JSON) is kept when either side has it
// and neither removed it since base. ok is false when a version's member
// is not a list, which then merges as any other member does.
func mergeRecords(base, mine, theirs json.RawMessage) (out json.RawMessage, ok bool) {
	var lists [3][]json.RawMessage
	for i, raw := range []json.RawMessage{base, mine, theirs} {
		if raw != nil && json.Unmarshal(raw, &lists[i]) != nil {
			return nil, false
		}
	}
	keys := func(list []json.RawMessage) map[string]bool {
		m := map[string]bool{}
		for _, r := range list {
			var c bytes.Buffer
			json.Compact(&c, r)
			m[c.String()] = true
		}
		return m
	}
	b, m, t := keys(lists[0]), keys(lists[1]), keys(lists[2])
	var kept []json.RawMessage
	seen := map[string]bool{}
	for _, list := range lists[1:] {
		for _, r := range list {
			var c bytes.Buffer
			json.Compact(&c, r)
			k := c.String()
			if seen[k] || b[k] && !(m[k] && t[k]) {
				continue // kept once; or resolved on one side
			}
			seen[k] = true
			kept = append(kept, json.RawMessage(k))
		}
	}
	if len(kept) == 0 {
		return nil, true
	}
	data, err := json.Marshal(kept)
	if err != nil {
		return nil, false
	}
	return data, true
}

// ResolveConflict settles recorded conflict i (an index into Conflicts):
// the record goes and, if takeOther, the entity takes the version the
// record holds, or goes when the other side had deleted it; else the
// document's version stays.
func (d *Document) ResolveConflict(i int, takeOther bool) error {
	records, err := d.Conflicts()
	if err != nil {
		return err
	}
	if i < 0 || i >= len(records) {
		return fmt.Errorf("no recorded conflict %d (there are %d)", i, len(records))
	}
	r := records[i]
	if takeOther {
		if err := d.takeVersion(r); err != nil {
			return err
		}
	}
	d.Extra, err = withRecords(d.Extra, slices.Delete(records, i, i+1))
	return err
}

// takeVersion puts the other version of a recorded conflict in the
// document, in place of the one it holds.
func (d *Document) takeVersion(r RecordedConflict) error {
	if r.Kind == "field" {
		if r.Other == nil {
			delete(d.Extra, r.ID)
		} else {
			d.Extra[r.ID] = slices.Clone(r.Other)
		}
		return nil
	}
	holder, err := r.holder()
	if err != nil {
		return err
	}
	if err := d.checkTake(r, holder); err != nil {
		return err
	}
	switch r.Kind {
	case "actor":
		d.Actors = replaceByID(d.Actors, holderList(holder, func(h *Document) []model.Actor { return h.Actors }), r.ID, actorTable.id)
	case "claim":
		d.Claims = replaceByID(d.Claims, holderList(holder, func(h *Document) []model.Claim { return h.Claims }), r.ID, claimTable.id)
	case "annotation":
		d.Annotations = replaceByID(d.Annotations, holderList(holder, func(h *Document) []model.Annotation { return h.Annotations }), r.ID, annotationTable.id)
		d.Sort()
	default:
		return fmt.Errorf("recorded conflict of %s %s: unknown kind", r.Kind, showID(r.ID))
	}
	return nil
}

// checkTake refuses to take a version that would leave a reference to
// nothing: the other side's deletion of an actor or claim this version's
// annotations (or, for an actor, another actor's affiliation) still use,
// or its version of an annotation whose actor or claim this version lacks.
// The person settling the conflict decides what happens to those uses; the
// file never says a position's actor is one it does not have.
func (d *Document) checkTake(r RecordedConflict, holder *Document) error {
	refused := func(format string, args ...any) error {
		return fmt.Errorf("cannot take the other version of %s %s: "+format, append([]any{r.Kind, showID(r.ID)}, args...)...)
	}
	uses := func(ref func(model.Annotation) string, id string) int {
		n := 0
		for _, a := range d.Annotations {
			if ref(a) == id {
				n++
			}
		}
		return n
	}
	switch {
	case r.Kind == "actor" && holder == nil:
		if n := uses(func(a model.Annotation) string { return a.Actor }, r.ID); n > 0 {
			return refused("it deletes the actor, which %s; keep this version, or delete them first", model.Count(n, "annotation of this version still uses", "annotations of this version still use"))
		}
		for _, a := range d.Actors {
			if a.Affiliation == r.ID && a.ID != r.ID {
				return refused("it deletes the actor, which actor %s is affiliated with; keep this version, or change that affiliation first", showID(a.ID))
			}
		}
	case r.Kind == "claim" && holder == nil:
		if n := uses(func(a model.Annotation) string { return a.Claim }, r.ID); n > 0 {
			return refused("it deletes the claim, which %s; keep this version, or delete them first", model.Count(n, "annotation of this version still uses", "annotations of this version still use"))
		}
	case holder == nil:
	case r.Kind == "actor" && len(holder.Actors) == 1:
		if aff := holder.Actors[0].Affiliation; aff != "" && aff != r.ID && !slices.ContainsFunc(d.Actors, func(a model.Actor) bool { return a.ID == aff }) {
			return refused("it is affiliated with actor %s, which this version does not have", showID(aff))
		}
	case r.Kind == "annotation" && len(holder.Annotations) == 1:
		n := holder.Annotations[0]
		if n.Actor != "" && !slices.ContainsFunc(d.Actors, func(a model.Actor) bool { return a.ID == n.Actor }) {
			return refused("it refers to actor %s, which this version does not have", showID(n.Actor))
		}
		if n.Claim != "" && !slices.ContainsFunc(d.Claims, func(c model.Claim) bool { return c.ID == n.Claim }) {
			return refused("it refers to claim %s, which this version does not have", showID(n.Claim))
		}
	}
	return nil
}

// holder decodes the record's other version of an actor, claim or
// annotation into a document that holds only it; nil when the other side
// had deleted it.
func (r RecordedConflict) holder() (*Document, error) {
	if r.Other == nil {
		return nil, nil
	}
	member := map[string]string{"actor": "actors", "claim": "claims", "annotation": "annotations"}[r.Kind]
	if member == "" {
		return nil, fmt.Errorf("recorded conflict of %s %s: unknown kind", r.Kind, showID(r.ID))
	}
	return Decode("the recorded conflict's version of "+r.Kind+" "+showID(r.ID),
		[]byte(`{"schema": 1, "`+member+`": [`+string(r.Other)+`]}`))
}

// OtherAnnotation returns the version of the annotation that a recorded
// conflict of kind "annotation" holds, the one the document does not;
// ok is false when the other side had deleted it.
func (r RecordedConflict) OtherAnnotation() (a model.Annotation, ok bool, err error) {
	if r.Kind != "annotation" {
		return model.Annotation{}, false, fmt.Errorf("recorded conflict of %s %s: not an annotation", r.Kind, showID(r.ID))
	}
	h, err := r.holder()
	if err != nil || h == nil || len(h.Annotations) != 1 {
		return model.Annotation{}, false, err
	}
	return h.Annotations[0], true, nil
}

func holderList[T any](h *Document, list func(*Document) []T) []T {
	if h == nil {
		return nil
	}
	return list(h)
}

// replaceByID returns list with the entity id replaced by with (nothing:
// removed; not there: added).
func replaceByID[T any](list, with []T, id string, idOf func(T) string) []T {
	list = slices.DeleteFunc(list, func(v T) bool { return idOf(v) == id })
	return append(list, with...)
}

// MergeCodebooks merges three versions of a project's codebook as
// MergeRecorded merges annotation files: actors and claims by ID, the
// coding scheme's kinds and stances each as a whole (the side that changed
// it wins; changed differently on both sides, ours stays), every conflict
// recorded in the codebook's "conflicts" member. base may be nil. An actor
// that one side deleted while the other made it an affiliation is kept.
func MergeCodebooks(base, ours, theirs *Codebook) (*Codebook, []Conflict, error) {
	asDoc := func(c *Codebook) *Document {
		if c == nil {
			return nil
		}
		return &Document{Actors: c.Actors, Claims: c.Claims, Annotations: []model.Annotation{}, Extra: c.Extra}
	}
	merged, conflicts := merge(asDoc(base), asDoc(ours), asDoc(theirs), true)
	out := ours.Clone()
	out.Actors, out.Claims = merged.Actors, merged.Claims
	out.sort() // keepAffiliations looks actors up by ID, which needs them sorted
	keepAffiliations(out, base, ours, theirs)
	var bk []model.ActorKind
	var bst []model.Stance
	if base != nil {
		bk, bst = base.Kinds, base.Stances
	}
	var kindsConflict, stancesConflict *Conflict
	out.Kinds, kindsConflict = mergeList("kinds", bk, ours.Kinds, theirs.Kinds, base != nil)
	out.Stances, stancesConflict = mergeList("stances", bst, ours.Stances, theirs.Stances, base != nil)
	for _, c := range []*Conflict{kindsConflict, stancesConflict} {
		if c != nil {
			conflicts = append(conflicts, *c)
		}
	}
	var err error
	if out.Extra, err = record(merged.Extra, conflicts); err != nil {
		return nil, nil, err
	}
	out.sort()
	return out, conflicts, nil
}

// mergeList merges one list of the coding scheme, three ways, as a whole;
// inBase says whether base had it. A conflict keeps ours and holds theirs.
func mergeList[T ~string](key string, base, ours, theirs []T, inBase bool) ([]T, *Conflict) {
	switch {
	case slices.Equal(ours, theirs) || inBase && slices.Equal(theirs, base):
		return slices.Clone(ours), nil
	case inBase && slices.Equal(ours, base):
		return slices.Clone(theirs), nil
	}
	state := "changed"
	if !inBase {
		state = "added"
	}
	other, _ := json.Marshal(theirs)
	return slices.Clone(ours), &Conflict{Kind: "field", ID: key, Mine: state, Theirs: state, other: json.RawMessage(other)}
}

// keepAffiliations puts back an actor that the merge dropped (one side
// deleted it) while a merged actor still names it as its affiliation.
func keepAffiliations(out, base, ours, theirs *Codebook) {
	for i := 0; i < len(out.Actors); i++ {
		id := out.Actors[i].Affiliation
		at, ok := out.actorIndex(id)
		if id == "" || ok {
			continue
		}
		for _, c := range []*Codebook{ours, theirs, base} {
			if c == nil {
				continue
			}
			if a, ok := c.Actor(id); ok {
				// In its place, as actorIndex needs; and look again from
				// the start, as the put-back actor may name one too.
				out.Actors = slices.Insert(out.Actors, at, a)
				i = -1
				break
			}
		}
	}
}

// How a git repository gives coding files to stance's merge driver
// (MergeFiles): GitMergeDriver is the command of "git config
// merge.stance.driver", GitAttributes the lines of .gitattributes that name
// the annotation files, coders' own files and the codebook.
const (
	GitMergeDriver = "stance merge-driver %O %A %B %P"
	GitAttributes  = "*" + FileSuffix + " merge=stance\n*.stance.*" + coderSuffix + " merge=stance\n" + CodebookName + " merge=stance\n"
)

// MergeFiles is git's merge driver for annotation files and the project's
// codebook (stance merge-driver %O %A %B %P): it merges the versions in the
// files base (the common ancestor; empty when there is none), ours and
// theirs by ID (MergeRecorded; MergeCodebooks when name is the codebook's,
// CodebookName) and writes the result to ours, as git asks. Conflicts are
// recorded in the file, never as conflict markers, and returned. name
// (git's %P, the path in the repository) is for messages. A version that
// cannot be read, or a merge that would not read back (a codebook whose
// affiliations now go round in a circle), is an error, and ours is left
// as it was.
func MergeFiles(base, ours, theirs, name string) ([]Conflict, error) {
	read := func(path, side string, optional bool) ([]byte, error) {
		data, err := os.ReadFile(path)
		if optional && (errors.Is(err, fs.ErrNotExist) || err == nil && len(bytes.TrimSpace(data)) == 0) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s (%s): %w", name, side, pathErr(err))
		}
		return data, nil
	}
	var versions [3][]byte
	for i, v := range []struct {
		path, side string
	}{{base, "the common ancestor"}, {ours, "ours"}, {theirs, "theirs"}} {
		var err error
		if versions[i], err = read(v.path, v.side, i == 0); err != nil {
			return nil, err
		}
	}
	sides := []string{"the common ancestor", "ours", "theirs"}
	var data []byte
	var conflicts []Conflict
	var err error
	if filepath.Base(name) == CodebookName {
		data, conflicts, err = mergeCodebookVersions(name, sides, versions)
	} else {
		data, conflicts, err = mergeDocumentVersions(name, sides, versions)
	}
	if err != nil {
		return nil, err
	}
	if err := store.SaveAtomic(ours, data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return conflicts, nil
}

// mergeDocumentVersions decodes three versions of an annotation file
// (base nil for none), merges them and encodes the result.
func mergeDocumentVersions(name string, sides []string, versions [3][]byte) ([]byte, []Conflict, error) {
	var docs [3]*Document
	for i, data := range versions {
		if data == nil {
			continue
		}
		var err error
		if docs[i], err = Decode(name+" ("+sides[i]+")", data); err != nil {
			return nil, nil, err
		}
	}
	merged, conflicts, err := MergeRecorded(docs[0], docs[1], docs[2])
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	data, err := merged.Marshal()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, conflicts, nil
}

// mergeCodebookVersions is mergeDocumentVersions for the codebook; the
// merged codebook must read back.
func mergeCodebookVersions(name string, sides []string, versions [3][]byte) ([]byte, []Conflict, error) {
	var books [3]*Codebook
	for i, data := range versions {
		if data == nil {
			continue
		}
		var err error
		if books[i], err = DecodeCodebook(name+" ("+sides[i]+")", data); err != nil {
			return nil, nil, err
		}
	}
	merged, conflicts, err := MergeCodebooks(books[0], books[1], books[2])
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	data, err := merged.Marshal()
	if err == nil {
		_, err = DecodeCodebook(name+" (merged)", data)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%w; the merge was not written", err)
	}
	return data, conflicts, nil
}
