package export

import (
	"fmt"
	"strings"

	"stance/model"
)

// bratConf is the brat annotation configuration written beside the
// documents, so that brat shows them without warnings: actor and claim
// mentions are entities, a claim's speaker is a relation, a position is an
// event (triggered by its evidence) whose holder is an actor mention and
// whose target a claim, with its stance as an attribute.
const bratConf = `# brat annotation configuration for stance exports.
[entities]
Actor
Claim

[relations]
Speaker	Arg1:Actor, Arg2:Claim
<OVERLAP>	Arg1:Actor|Claim|Position, Arg2:Actor|Claim|Position, <OVL-TYPE>:<ANY>

[events]
Position	Holder?:Actor, Target?:Claim

[attributes]
Stance	Arg:Position, Value:support|oppose|neutral
Kind	Arg:Actor, Value:person|organization|country|other
`

// bratVisual labels and colours the types as the reader does.
const bratVisual = `# brat visual configuration for stance exports.
[labels]
Actor | Actor | A
Claim | Claim | C
Position | Position | P
Speaker | Speaker
Holder | Holder
Target | Target

[drawing]
Actor	bgColor:#8fb2ff
Claim	bgColor:#ffd37f
Position	bgColor:#a6dba0
`

// bratFiles writes, for each article, DOC.txt (its normalised text, to
// which the offsets refer, and a final newline) and DOC.ann, plus
// annotation.conf and visual.conf. In DOC.ann:
//
//   - T lines: actor and claim mentions, and the evidence of positions
//     (shared by positions with the same evidence). A span that crosses a
//     line break is written as fragments ("0 5;7 12") around it, its text
//     the fragments joined by a space, as brat does.
//   - R lines: Speaker, from the claim speaker's nearest mention to the
//     claim.
//   - E lines: a Position event for each position, with Holder (the
//     actor's nearest mention) and Target (the claim's nearest annotation).
//   - A lines: the Stance of each position, the Kind of each actor mention.
//   - # lines: AnnotatorNotes naming the registry actor or claim behind each
//     annotation, followed by the coder's note.
//
// Offsets count code points, as brat (Python) does. Orphaned annotations,
// which mark no text, are left out.
func bratFiles(corpus []Item) ([]File, error) {
	files := []File{
		{Name: "annotation.conf", Data: []byte(bratConf)},
		{Name: "visual.conf", Data: []byte(bratVisual)},
	}
	for i, name := range stems(corpus) {
		it := corpus[i]
		text := it.Article.Text
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		files = append(files,
			File{Name: name + ".txt", Data: []byte(text)},
			File{Name: name + ".ann", Data: []byte(bratAnn(it))},
		)
	}
	return files, nil
}

func bratAnn(it Item) string {
	var tLines, rLines, eLines, aLines, notes strings.Builder
	l := newLinks(it.Doc)
	tid := map[string]string{}         // annotation ID → T ID
	trigger := map[model.Span]string{} // evidence span → T ID of its Position trigger
	nT, nA, nNote := 0, 0, 0

	// textBound writes a T line and returns its ID; "" for a span of
	// nothing but line breaks, which brat cannot show.
	textBound := func(typ string, s model.Span) string {
		frags, text := bratFragments(it.Article, s)
		if frags == "" {
			return ""
		}
		nT++
		id := fmt.Sprintf("T%d", nT)
		fmt.Fprintf(&tLines, "%s\t%s %s\t%s\n", id, typ, frags, text)
		return id
	}
	attribute := func(name, target, value string) {
		nA++
		fmt.Fprintf(&aLines, "A%d\t%s %s %s\n", nA, name, target, value)
	}
	note := func(target, text string) {
		nNote++
		fmt.Fprintf(&notes, "#%d\tAnnotatorNotes %s\t%s\n", nNote, target, oneLine(text))
	}
	withNote := func(desc, coderNote string) string {
		if coderNote = model.OneLine(coderNote); coderNote != "" {
			return desc + " — " + coderNote
		}
		return desc
	}

	for _, n := range it.Doc.Annotations {
		if n.Orphan {
			continue
		}
		actor, _ := it.Doc.Actor(n.Actor)
		claim, _ := it.Doc.Claim(n.Claim)
		switch n.Type {
		case model.TypeActor:
			id := textBound("Actor", n.Span)
			if id == "" {
				continue
			}
			tid[n.ID] = id
			attribute("Kind", id, string(actor.Kind))
			note(id, withNote(actor.Name, n.Note))
		case model.TypeClaim:
			id := textBound("Claim", n.Span)
			if id == "" {
				continue
			}
			tid[n.ID] = id
			desc := claim.Text
			if actor.Name != "" {
				desc = actor.Name + ": " + claim.Text
			}
			note(id, withNote(desc, n.Note))
		}
	}
	// The T IDs of the nearest mention and claim annotation, or "".
	mentionID := func(actorID string, s model.Span) string {
		m, _ := l.mention(actorID, s)
		return tid[m.ID]
	}
	claimID := func(claimID string, s model.Span) string {
		c, _ := l.claimAt(claimID, s)
		return tid[c.ID]
	}
	nR, nE := 0, 0
	for _, n := range it.Doc.Annotations {
		if n.Orphan {
			continue
		}
		switch n.Type {
		case model.TypeClaim:
			from, to := mentionID(n.Actor, n.Span), tid[n.ID]
			if n.Actor != "" && from != "" && to != "" {
				nR++
				fmt.Fprintf(&rLines, "R%d\tSpeaker Arg1:%s Arg2:%s\n", nR, from, to)
			}
		case model.TypePosition:
			span, ok := l.evidence(n)
			if !ok {
				continue
			}
			trig, ok := trigger[span]
			if !ok {
				trig = textBound("Position", span)
				trigger[span] = trig
			}
			if trig == "" {
				continue
			}
			nE++
			eid := fmt.Sprintf("E%d", nE)
			args := "Position:" + trig
			if holder := mentionID(n.Actor, span); holder != "" {
				args += " Holder:" + holder
			}
			if target := claimID(n.Claim, span); target != "" {
				args += " Target:" + target
			}
			fmt.Fprintf(&eLines, "%s\t%s\n", eid, args)
			attribute("Stance", eid, string(n.Stance))
			actor, _ := it.Doc.Actor(n.Actor)
			claim, _ := it.Doc.Claim(n.Claim)
			note(eid, withNote(fmt.Sprintf("%s %s: %s", actor.Name, stanceVerb(n.Stance), claim.Text), n.Note))
		}
	}
	return tLines.String() + rLines.String() + eLines.String() + aLines.String() + notes.String()
}

// bratFragments returns span s of art as brat writes it: the offsets of
// its pieces between line breaks ("3 8;10 15") and their texts joined by a
// space.
func bratFragments(art *model.Article, s model.Span) (offsets, text string) {
	var offs, texts []string
	start := s.Start
	flush := func(end int) {
		if end > start {
			offs = append(offs, fmt.Sprintf("%d %d", start, end))
			texts = append(texts, art.Slice(model.Span{Start: start, End: end}))
		}
	}
	rd := art.Reader()
	for i := s.Start; i < s.End; i++ {
		if rd.At(i) == '\n' {
			flush(i)
			start = i + 1
		}
	}
	flush(s.End)
	return strings.Join(offs, ";"), strings.Join(texts, " ")
}

// oneLine makes s fit on one line of a standoff file, without what
// model.SafeText removes.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, model.SafeText(s))
}
