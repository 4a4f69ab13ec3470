package annotate

import (
	"fmt"
	"slices"
	"strings"

	"stance/model"
)

// CheckCopies compares the copies of entities in the document d, an
// article of the codebook's project, with the codebook, and returns a
// warning for each that differs: an entity the codebook lacks, an alias
// the codebook's actor lacks, a field out of date (the first that
// differs). None of them is an error: the exports take the codebook's
// entities by ID, and Follow, when the article is opened, brings the
// copies in line and the rest into the codebook.
func (c *Codebook) CheckCopies(d *Document) []Problem {
	var out []Problem
	warn := func(id, format string, args ...any) {
		out = append(out, Problem{ID: id, Msg: fmt.Sprintf(format, args...), Severity: SeverityWarning})
	}
	const bringIn = "opening the article in stance brings it in line"
	for _, a := range d.Actors {
		i, ok := c.actorIndex(a.ID)
		if !ok {
			warn(a.ID, "actor %s is not in the codebook; opening the article in stance adds it", quoteSafe(a.Name))
			continue
		}
		cb := c.Actors[i]
		if missing := slices.DeleteFunc(slices.Clone(a.Aliases), func(x string) bool { return hasName(cb, x) }); len(missing) > 0 {
			warn(a.ID, "the codebook's actor lacks the alias %s of this copy; opening the article in stance adds it", quoteSafe(missing[0]))
			continue
		}
		if what := actorDifference(a, copyOf(cb, a)); what != "" {
			warn(a.ID, "the copy of actor %s is out of date: %s; %s", quoteSafe(cb.Name), what, bringIn)
		}
	}
	for _, x := range d.Claims {
		i, ok := c.claimIndex(x.ID)
		if !ok {
			warn(x.ID, "claim %s is not in the codebook; opening the article in stance adds it", quoteSafe(clip(x.Text)))
			continue
		}
		cb := c.Claims[i]
		var what string
		switch {
		case x.Text != cb.Text:
			what = differs("text", clip(x.Text), clip(cb.Text))
		case x.Category != cb.Category:
			what = differs("category", x.Category, cb.Category)
		case x.Note != cb.Note:
			what = "its note differs"
		}
		if what != "" {
			warn(x.ID, "the copy of claim %s is out of date: %s; %s", quoteSafe(clip(cb.Text)), what, bringIn)
		}
	}
	return out
}

// actorDifference says which field of the copy a differs from want, the
// copy the codebook would have it be, first: "" when none does.
func actorDifference(a, want model.Actor) string {
	switch {
	case a.Name != want.Name:
		return differs("name", a.Name, want.Name)
	case a.Kind != want.Kind:
		return differs("kind", string(a.Kind), string(want.Kind))
	case !sameAliases(a.Aliases, want.Aliases):
		return differs("aliases", strings.Join(a.Aliases, ", "), strings.Join(want.Aliases, ", "))
	case a.Affiliation != want.Affiliation:
		return differs("affiliation", a.Affiliation, want.Affiliation)
	case a.Color != want.Color:
		return differs("color", a.Color, want.Color)
	case a.Note != want.Note:
		return "its note differs"
	}
	return ""
}

// sameAliases reports whether two lists hold the same aliases: their order
// says nothing, as the codebook sorts them and a session appends them as it
// learns them.
func sameAliases(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	sortAliases(a)
	sortAliases(b)
	return slices.Equal(a, b)
}

// differs says that a field is one value in the copy and another in the
// codebook, both quoted for a message.
func differs(field, copy, codebook string) string {
	return fmt.Sprintf("%s %s, the codebook's %s", field, quoteSafe(copy), quoteSafe(codebook))
}
