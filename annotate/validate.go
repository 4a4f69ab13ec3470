package annotate

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"stance/model"
	"stance/model/localfile"
)

// Severity says how much a Problem matters.
type Severity int

// The severities of problems.
const (
	// SeverityError: the document is wrong (a dangling reference, a quote
	// that is not the text at its offsets in the article it was made on, a
	// field no schema allows).
	SeverityError Severity = iota
	// SeverityWarning: worth saying, but the document is sound: the article
	// changed since it was coded (re-anchoring will move or orphan some
	// annotations) or some annotations are orphans.
	SeverityWarning
)

// Problem is one thing wrong with an annotation document.
type Problem struct {
	ID       string // the annotation, actor or claim concerned; "" for the document
	Msg      string
	Severity Severity
	// Line and Column locate the problem in the file (1-based, columns in
	// code points) when it was found while decoding; 0 when unknown.
	Line, Column int
}

// String returns "ID: Msg", or Msg for a document-level problem, preceded
// by "LINE:COLUMN: " when the position is known.
func (p Problem) String() string {
	s := p.Msg
	if p.ID != "" {
		s = showID(p.ID) + ": " + s
	}
	if p.Line > 0 {
		s = fmt.Sprintf("%d:%d: %s", p.Line, p.Column, s)
	}
	return s
}

// In returns the problem as one line naming the file it is in:
// "FILE:LINE:COLUMN: ID: Msg", or "FILE: ID: Msg" without a position.
func (p Problem) In(file string) string {
	if p.Line > 0 {
		return file + ":" + p.String()
	}
	return file + ": " + p.String()
}

// Validate checks d against itself and, when a is not nil, against the
// article it codes: the schema version; the article's digest and length (a
// length of 0, as in a document that omits it, is not compared); that
// every ID is present and unique; that names, kinds, claim texts, types and
// stances are valid; that every actor and claim an annotation refers to
// exists, and the ones its type needs are there; that each span lies within
// the article, is not empty for an actor or claim, and that its quote is the
// article's text at those offsets; and that timestamps are RFC 3339. A
// name, alias, claim text, note or author holding what model.SafeText
// removes (control characters, escape sequences, bidi overrides) is a
// warning: what a terminal or an export shows of it is not all it says.
// Problems are reported document first, then in document order.
//
// When the article's text is not the one the document records, the
// document is stale rather than wrong: Validate works out what Reanchor
// would do (on a copy; d is not changed) and reports, as warnings, the
// changed digest and length, a summary ("re-anchoring would keep 10, move 3
// and orphan 1 of 14 annotations") and each annotation that would move or
// become an orphan. Orphans are reported as warnings, with where
// re-anchoring would place them if it now can; their spans are not
// checked. So are the conflicts a merge recorded (Conflicts), which wait
// for a person to decide.
func Validate(d *Document, a *model.Article) []Problem {
	var ps []Problem
	reportAs := func(sev Severity, id, format string, args ...any) {
		ps = append(ps, Problem{ID: id, Msg: fmt.Sprintf(format, args...), Severity: sev})
	}
	report := func(id, format string, args ...any) { reportAs(SeverityError, id, format, args...) }
	warn := func(id, format string, args ...any) { reportAs(SeverityWarning, id, format, args...) }

	if d.Schema != SchemaVersion {
		report("", "schema is %d, want %d", d.Schema, SchemaVersion)
	}
	length := -1
	stale := false
	var placed []AnchorResult // what re-anchoring would do, by annotation index
	if a != nil {
		length = a.Len()
		if d.Article.SHA256 != a.SHA256() {
			stale = true
			warn("", "article sha256 %s does not match the article's text (%s): it has changed since it was coded", short(d.Article.SHA256), short(a.SHA256()))
		}
		// A length of 0 is a missing one (SPEC §3: optional fields may be
		// omitted), and says nothing: the digest decides. It loses nothing
		// either: a document that really was coded on an empty text has the
		// digest of the empty text, which differs from any other's.
		if d.Article.Length != 0 && d.Article.Length != length {
			stale = true
			warn("", "article length is %d, the article has %d code points", d.Article.Length, length)
		}
		if stale || slices.ContainsFunc(d.Annotations, func(n model.Annotation) bool { return n.Orphan }) {
			r := Reanchor(d.Clone(), a)
			placed = r.Results
			if stale && (r.Moved > 0 || r.Orphaned > 0) {
				warn("", "re-anchoring would keep %d, move %d and orphan %d of %d annotations", r.Kept, r.Moved, r.Orphaned, len(d.Annotations))
			}
		}
	}
	// A conflict git's merge driver recorded waits for a person: the
	// document is sound, holding one version, and the record the other.
	if records, err := d.Conflicts(); err != nil {
		report("", "%v", err)
	} else {
		for _, r := range records {
			if r.Ours == r.Theirs {
				warn(r.ID, "a merge recorded a conflict: the %s was %s on both sides; the other version waits in \"conflicts\"", r.Kind, r.Ours)
			} else {
				warn(r.ID, "a merge recorded a conflict: the %s was %s on one side and %s on the other, and is kept; the other version waits in \"conflicts\"", r.Kind, r.Ours, r.Theirs)
			}
		}
	}

	// Text that could act on a terminal is a warning, not an error: the
	// coding is sound, and the terminal and the exports leave it out.
	warnUnsafe := func(id, field, s string) {
		if unsafeText(s) {
			warn(id, "%s %q has control characters, escape sequences or bidi overrides, which stance leaves out wherever it shows or exports it", field, clip(s))
		}
	}

	seen := map[string]bool{}
	checkID := func(what, id string, i int) string {
		switch {
		case id == "":
			id = fmt.Sprintf("%s #%d", what, i+1)
			report(id, "no id")
		case seen[id]:
			report(id, "id used more than once")
		}
		seen[id] = true
		return id
	}

	actors, claims := map[string]bool{}, map[string]bool{}
	for i, x := range d.Actors {
		id := checkID("actor", x.ID, i)
		actors[x.ID] = true
		if model.OneLine(x.Name) == "" {
			report(id, "actor has no name")
		}
		if !x.Kind.Valid() {
			report(id, "unknown actor kind %q", x.Kind)
		}
		warnUnsafe(id, "name", x.Name)
		for _, alias := range x.Aliases {
			warnUnsafe(id, "alias", alias)
		}
	}
	for i, x := range d.Claims {
		id := checkID("claim", x.ID, i)
		claims[x.ID] = true
		if model.OneLine(x.Text) == "" {
			report(id, "claim has no text")
		}
		warnUnsafe(id, "text", x.Text)
	}

	for i, n := range d.Annotations {
		id := checkID("annotation", n.ID, i)
		if !n.Type.Valid() {
			report(id, "unknown annotation type %q", n.Type)
		}
		switch {
		case n.Actor != "" && !actors[n.Actor]:
			report(id, "actor %s is not in the actor registry", showID(n.Actor))
		case n.Actor == "" && (n.Type == model.TypeActor || n.Type == model.TypePosition):
			report(id, "%s annotation has no actor", n.Type)
		}
		switch {
		case n.Claim != "" && !claims[n.Claim]:
			report(id, "claim %s is not in the claim registry", showID(n.Claim))
		case n.Claim == "" && (n.Type == model.TypeClaim || n.Type == model.TypePosition):
			report(id, "%s annotation has no claim", n.Type)
		case n.Claim != "" && n.Type == model.TypeActor:
			report(id, "actor annotation has a claim")
		}
		switch {
		case n.Type == model.TypePosition && !n.Stance.Valid():
			report(id, "invalid stance %q", n.Stance)
		case n.Type != model.TypePosition && n.Stance != "":
			report(id, "%s annotation has a stance", n.Type)
		}
		warnUnsafe(id, "note", n.Note)
		warnUnsafe(id, "author", n.Author)
		for _, t := range []struct{ name, value string }{{"created", n.Created}, {"modified", n.Modified}} {
			if _, err := time.Parse(time.RFC3339, t.value); t.value != "" && err != nil {
				report(id, "%s %q is not an RFC 3339 time", t.name, t.value)
			}
		}
		switch {
		case n.Orphan && placed != nil && placed[i].Outcome == AnchorMoved:
			warn(id, "orphan: its quote %q was not found when last re-anchored; re-anchoring would now place it at [%d, %d)", clip(n.Quote), placed[i].To.Start, placed[i].To.End)
		case n.Orphan:
			warn(id, "orphan: its quote %q is not in the article; it marks no text", clip(n.Quote))
		case stale && placed[i].Outcome == AnchorMoved:
			warn(id, "stale: the quote %q is no longer at [%d, %d); re-anchoring moves it to [%d, %d)", clip(n.Quote), n.Span.Start, n.Span.End, placed[i].To.Start, placed[i].To.End)
		case stale && placed[i].Outcome == AnchorOrphaned:
			warn(id, "stale: the quote %q is no longer at [%d, %d) and is not found in the article; re-anchoring would make it an orphan", clip(n.Quote), n.Span.Start, n.Span.End)
		default:
			validateSpan(n, id, a, length, report)
		}
	}
	return ps
}

// ValidateFile checks the annotations file that ref names against the
// article it codes, listing every problem rather than stopping at the
// first, for stance validate. The file is decoded leniently
// (DecodeLenient): each actor, claim or annotation that is damaged (a value
// schema 1 does not define, an ID used twice, a reference to nothing, a
// span that is no range or, in a document that records the article's text,
// one outside it or whose quote is not the text there) is a Problem with its
// line and column in the file, and left out; Validate then checks the rest.
// Problems are listed in that order, after one saying that the article
// cannot be found or read, if it cannot: the document is then checked on
// its own.
//
// The error is for a file that cannot be checked at all, and names it: it
// cannot be read, is not JSON, has no schema or a newer one, or is not of
// the shape of a document (Decode's errors). The Coded holds what was kept
// of the document, and the article when it was found.
func ValidateFile(ref CodedRef) (Coded, []Problem, error) {
	c := Coded{AnnotationsPath: ref.Annotations}
	data, err := localfile.Read(ref.Annotations)
	if err != nil {
		return c, nil, fmt.Errorf("%s: %w", ref.Annotations, pathErr(err))
	}
	parts, err := splitForLenient(ref.Annotations, data)
	if err != nil {
		return c, nil, err
	}
	var ps []Problem
	var text []byte
	c.ArticlePath, text, err = articleData(ref, parts.article.Source)
	if err == nil {
		c.Article, err = parseArticle(c.ArticlePath, text)
	}
	if err != nil {
		ps = append(ps, Problem{Msg: err.Error(), Severity: SeverityError})
	}
	doc, skipped := lenientDocument(data, parts, c.Article)
	c.Doc = doc
	ps = append(ps, skipped...)
	return c, append(ps, Validate(doc, c.Article)...), nil
}

// validateSpan checks n's span: that it is a range, within the article of
// length code points when length is known (not -1), not empty for an actor
// or a claim, and, when a is not nil, that its quote is a's text there.
func validateSpan(n model.Annotation, id string, a *model.Article, length int, report func(id, format string, args ...any)) {
	s := n.Span
	if msg := spanProblem(s, length); msg != "" {
		report(id, "%s", msg)
		return
	}
	if s.Len() == 0 && (n.Type == model.TypeActor || n.Type == model.TypeClaim) {
		report(id, "%s annotation has an empty span", n.Type)
	}
	if a == nil {
		return
	}
	if quote, _, _ := Anchor(a, s); quote != n.Quote {
		report(id, "quote %q does not match the article's text %q at [%d, %d)", clip(n.Quote), clip(quote), s.Start, s.End)
	}
}

// spanProblem says what is wrong with span s as a range of an article of
// length code points (-1: not known), or "": the one wording of Validate
// and of DecodeLenient.
func spanProblem(s model.Span, length int) string {
	switch {
	case s.Start < 0:
		return fmt.Sprintf("span [%d, %d) is not a valid range (negative start)", s.Start, s.End)
	case s.End < s.Start:
		return fmt.Sprintf("span [%d, %d) is not a valid range (start after end)", s.Start, s.End)
	case length >= 0 && s.End > length:
		return fmt.Sprintf("span [%d, %d) is outside the article (0–%d)", s.Start, s.End, length)
	}
	return ""
}

// unsafeText reports whether s holds what model.SafeText removes; a line
// break, whatever its form, does not count.
func unsafeText(s string) bool {
	s = lineBreaks.Replace(s)
	return model.SafeText(s) != s
}

var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// short abbreviates a hex digest for messages.
func short(digest string) string {
	if len(digest) > 12 {
		return digest[:12] + "…"
	}
	return digest
}
