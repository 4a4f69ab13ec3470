// Package network computes the Discourse Network Analyzer's networks from
// stance's coding, by DNA's definitions and under DNA's names: two-mode
// networks (organisations × concepts, say) and one-mode networks (actors
// tied by the concepts they share), with DNA's qualifier aggregations,
// normalisations, duplicate rules, date ranges and time windows. Each
// position annotation is one of DNA's statements: its actor (with its kind
// and affiliation) gives the person or organisation, its claim the concept,
// its stance the agreement.
//
// The same computation serves the reader (Positions, Pairs) and the
// command line (Compute, and Write in four formats).
package network

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"stance/annotate"
	"stance/model"
)

// Item is one coded article.
type Item struct {
	Name string // its path, for messages
	Doc  *annotate.Document
	Meta model.Meta // what the article says of itself: title, date, author, source
}

// ItemFrom returns the item of an article loaded with annotate.LoadCoded.
func ItemFrom(c annotate.Coded) Item {
	it := Item{Name: cmp.Or(c.ArticlePath, c.AnnotationsPath), Doc: c.Doc}
	if c.Article != nil {
		it.Meta = c.Article.Meta
	}
	return it
}

// The variables a network can be made of, by DNA's names: the actor kinds
// (an actor's own, else the one of the actor it is affiliated with),
// "actor" for any actor, "concept" for the claim, and the article's
// metadata. "claim" is another name for "concept".
const (
	VarOrganization = "organization"
	VarPerson       = "person"
	VarCountry      = "country"
	VarOther        = "other"
	VarActor        = "actor"
	VarConcept      = "concept"
	VarTitle        = "title"
	VarAuthor       = "author"
	VarSource       = "source"
	VarSection      = "section"
)

// Variables lists the variables in the order help shows them.
var Variables = []string{VarOrganization, VarPerson, VarCountry, VarOther, VarActor, VarConcept, VarTitle, VarAuthor, VarSource, VarSection}

func variableIndex(name string) int {
	if name == "claim" {
		name = VarConcept
	}
	return slices.Index(Variables, name)
}

// Statement is one position annotation as DNA's statement: where it is,
// when, its stance, and its value for each variable ("" for none).
type Statement struct {
	Item   int // index of its article in the corpus
	ID     string
	Span   model.Span
	Time   time.Time // the article's date, UTC
	Dated  bool
	Stance model.Stance
	values []string // by variableIndex
}

// Value returns the statement's value of variable ("" for none, or an
// unknown variable).
func (s *Statement) Value(variable string) string {
	if i := variableIndex(variable); i >= 0 {
		return s.values[i]
	}
	return ""
}

// Corpus is the statements of a set of coded articles, in DNA's order:
// by date, then article, then place in the article.
type Corpus struct {
	Items      []Item
	Statements []Statement
	// First and Last are the earliest and latest article dates (every
	// dated article counts, as every document does in DNA).
	First, Last time.Time
	Undated     int // positions in articles without a date
}

// NewCorpus reads the position annotations of items as statements.
// Orphans, which mark no text, and positions whose actor or claim is not
// in their registry are left out.
func NewCorpus(items []Item) *Corpus {
	c := &Corpus{Items: items}
	for i, it := range items {
		if it.Doc == nil {
			continue
		}
		date, dated := articleDate(it)
		if dated {
			if c.First.IsZero() || date.Before(c.First) {
				c.First = date
			}
			if date.After(c.Last) {
				c.Last = date
			}
		}
		actors := map[string]*model.Actor{}
		for j := range it.Doc.Actors {
			actors[it.Doc.Actors[j].ID] = &it.Doc.Actors[j]
		}
		claims := map[string]*model.Claim{}
		for j := range it.Doc.Claims {
			claims[it.Doc.Claims[j].ID] = &it.Doc.Claims[j]
		}
		section := extraString(it.Doc.Article.Extra, "section")
		title := cmp.Or(it.Meta.Title, it.Doc.Article.Title)
		for _, n := range it.Doc.Annotations {
			a, cl := actors[n.Actor], claims[n.Claim]
			if n.Type != model.TypePosition || n.Orphan || a == nil || cl == nil {
				continue
			}
			s := Statement{Item: i, ID: n.ID, Span: n.Span, Time: date, Dated: dated, Stance: n.Stance, values: make([]string, len(Variables))}
			if !dated {
				c.Undated++
			}
			affiliated := actors[Affiliation(n, a)]
			for k, v := range Variables {
				switch v {
				case VarActor:
					s.values[k] = label(a.Name)
				case VarConcept:
					s.values[k] = label(cl.Text)
				case VarTitle:
					s.values[k] = label(title)
				case VarAuthor:
					s.values[k] = label(it.Meta.Author)
				case VarSource:
					if it.Meta.Source != it.Name { // the parser's stand-in for no source
						s.values[k] = label(it.Meta.Source)
					}
				case VarSection:
					s.values[k] = label(section)
				default:
					kind := model.ActorKind(v)
					switch {
					case a.Kind == kind:
						s.values[k] = label(a.Name)
					case affiliated != nil && affiliated.Kind == kind:
						s.values[k] = label(affiliated.Name)
					}
				}
			}
			c.Statements = append(c.Statements, s)
		}
	}
	slices.SortStableFunc(c.Statements, compareStatements)
	return c
}

// compareStatements is DNA's order of statements: date, document, start,
// stop, ID.
func compareStatements(a, b Statement) int {
	return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.Item, b.Item),
		cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(a.Span.End, b.Span.End), strings.Compare(a.ID, b.ID))
}

// label is a name as a node's label: on one line, NFC.
func label(s string) string { return norm.NFC.String(model.OneLine(s)) }

// Affiliation is the ID of the actor that a's position n is taken for: the
// position's own "affiliation" (an import from DNA records the
// organisation a statement names when it is not the person's usual one,
// and "" for none), else the actor's.
func Affiliation(n model.Annotation, a *model.Actor) string {
	if _, ok := n.Extra["affiliation"]; ok {
		return extraString(n.Extra, "affiliation")
	}
	return a.Affiliation
}

// extraString returns the string in x under key, "" if there is none.
func extraString(x model.Extra, key string) string {
	var s string
	if raw, ok := x[key]; ok && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return ""
}

// articleDate returns the article's date at midnight UTC, if it has one
// that reads as YYYY-MM-DD.
func articleDate(it Item) (time.Time, bool) {
	for _, d := range []string{it.Doc.Article.Date, it.Meta.Date} {
		if t, err := time.Parse(time.DateOnly, d); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
