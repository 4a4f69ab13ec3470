package model

import "encoding/json"

// ActorKind is what sort of entity an actor is.
type ActorKind string

// The actor kinds of schema 1.
const (
	KindPerson       ActorKind = "person"
	KindOrganization ActorKind = "organization"
	KindCountry      ActorKind = "country"
	KindOther        ActorKind = "other"
)

// ActorKinds lists the valid kinds in the order dialogs offer them.
var ActorKinds = []ActorKind{KindPerson, KindOrganization, KindCountry, KindOther}

// Valid reports whether k is one of ActorKinds.
func (k ActorKind) Valid() bool {
	for _, v := range ActorKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Stance is an actor's position toward a claim.
type Stance string

// The stances of schema 1.
const (
	StanceSupport Stance = "support"
	StanceOppose  Stance = "oppose"
	StanceNeutral Stance = "neutral"
)

// Stances lists the valid stances in the order dialogs offer them.
var Stances = []Stance{StanceSupport, StanceOppose, StanceNeutral}

// Valid reports whether s is one of Stances.
func (s Stance) Valid() bool {
	for _, v := range Stances {
		if s == v {
			return true
		}
	}
	return false
}

// AnnotationType says what an annotation marks.
type AnnotationType string

// The annotation types of schema 1.
const (
	TypeActor    AnnotationType = "actor"
	TypeClaim    AnnotationType = "claim"
	TypePosition AnnotationType = "position"
)

// AnnotationTypes lists the valid types in display order.
var AnnotationTypes = []AnnotationType{TypeActor, TypeClaim, TypePosition}

// Valid reports whether t is one of AnnotationTypes.
func (t AnnotationType) Valid() bool {
	return t == TypeActor || t == TypeClaim || t == TypePosition
}

// Extra holds JSON object members a program does not know, so that they are
// written back unchanged. Keys are kept with their raw values.
type Extra map[string]json.RawMessage

// Actor is an entity in an article's registry or a project's codebook: a
// person, organisation, country or other.
type Actor struct {
	ID      string
	Name    string
	Kind    ActorKind
	Aliases []string
	// Learned lists the aliases learned from mentions, a part of Aliases:
	// a mention's text becomes an alias of its actor when the actor does
	// not go by it yet, and goes again with the last mention written so.
	// The other aliases (a file's, written by hand, a codebook's) stay.
	Learned []string
	// Affiliation is the ID of the actor this one belongs to (a minister's
	// government, a politician's party); "" for none.
	Affiliation string
	// Color is the colour the coder chose for the actor's mentions, as
	// "#rgb" or "#rrggbb"; "" for the default.
	Color string
	Note  string
	Extra Extra
}

// Claim is a proposition in an article's registry or a project's codebook
// (DNA's "concept").
type Claim struct {
	ID   string
	Text string
	// Category groups claims in the coding scheme ("economy",
	// "security"); "" for none.
	Category string
	Note     string
	Extra    Extra
}

// Annotation is one coded span of text. Actor annotations mark a mention of
// Actor; claim annotations mark where Claim is made, with Actor (optional) as
// the speaker; position annotations say that Actor takes Stance toward Claim.
//
// Author, when set, names the coder who made the annotation (the
// configuration's coder), so that several coders' files can be told apart.
//
// An Orphan is an annotation that re-anchoring could not place in the
// article's current text: it keeps its last Span, Quote, Prefix and Suffix
// (so that it can be placed again if the text comes back) but marks no text
// and is never deleted except by the user.
type Annotation struct {
	ID       string
	Type     AnnotationType
	Span     Span
	Quote    string
	Prefix   string
	Suffix   string
	Actor    string
	Claim    string
	Stance   Stance
	Note     string
	Author   string // who coded it; "" when not recorded
	Created  string // RFC 3339, UTC
	Modified string // RFC 3339, UTC
	Orphan   bool
	Extra    Extra
}
