package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
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
func (d *Document) Conflicts() ([]RecordedConflict, error) {
	raw, ok := d.Extra[conflictsKey]
	if !ok {
		return nil, nil
	}
	var out []RecordedConflict
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("the recorded conflicts cannot be read: %w", err)
	}
	return out, nil
}

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
	records, err := out.Conflicts()
	if err != nil {
		return nil, nil, err
	}
	for _, c := range conflicts {
		r := RecordedConflict{Kind: c.Kind, ID: c.ID, Ours: c.Mine, Theirs: c.Theirs}
		if r.Other, err = entityJSON(c.other); err != nil {
			return nil, nil, err
		}
		records = append(records, r)
	}
	if err := out.setConflicts(records); err != nil {
		return nil, nil, err
	}
	return out, conflicts, nil
}

// setConflicts writes records into the document's "conflicts" member,
// removing it when there are none.
func (d *Document) setConflicts(records []RecordedConflict) error {
	if len(records) == 0 {
		delete(d.Extra, conflictsKey)
		return nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(records); err != nil {
		return fmt.Errorf("recording conflicts: %w", err)
	}
	if d.Extra == nil {
		d.Extra = model.Extra{}
	}
	d.Extra[conflictsKey] = bytes.TrimSpace(buf.Bytes())
	return nil
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
	return d.setConflicts(slices.Delete(records, i, i+1))
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
	var holder *Document
	if r.Other != nil {
		member := map[string]string{"actor": "actors", "claim": "claims", "annotation": "annotations"}[r.Kind]
		if member == "" {
			return fmt.Errorf("recorded conflict of %s %s: unknown kind", r.Kind, showID(r.ID))
		}
		var err error
		holder, err = Decode("the recorded conflict's version of "+r.Kind+" "+showID(r.ID),
			[]byte(`{"schema": 1, "`+member+`": [`+string(r.Other)+`]}`))
		if err != nil {
			return err
		}
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

// MergeFiles is git's merge driver for annotation files (stance
// merge-driver %O %A %B %P): it merges the versions in the files base (the
// common ancestor; empty when there is none), ours and theirs by ID
// (MergeRecorded) and writes the result to ours, as git asks. Conflicts are
// recorded in the file, never as conflict markers, and returned. name (git's
// %P, the path in the repository) is for messages. A version that cannot be
// read is an error, and ours is left as it was.
func MergeFiles(base, ours, theirs, name string) ([]Conflict, error) {
	read := func(path, side string, optional bool) (*Document, error) {
		data, err := os.ReadFile(path)
		if optional && (errors.Is(err, fs.ErrNotExist) || err == nil && len(bytes.TrimSpace(data)) == 0) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s (%s): %w", name, side, pathErr(err))
		}
		return Decode(name+" ("+side+")", data)
	}
	b, err := read(base, "the common ancestor", true)
	if err != nil {
		return nil, err
	}
	o, err := read(ours, "ours", false)
	if err != nil {
		return nil, err
	}
	t, err := read(theirs, "theirs", false)
	if err != nil {
		return nil, err
	}
	merged, conflicts, err := MergeRecorded(b, o, t)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data, err := merged.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := store.SaveAtomic(ours, data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return conflicts, nil
}
