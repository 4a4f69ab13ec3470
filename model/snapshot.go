package model

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// SnapshotSuffix ends the name of an article snapshot file, the text of a
// fetched web page kept so that its coding stays anchored when the page
// changes.
const SnapshotSuffix = ".snapshot.txt"

// snapshotMagic opens every snapshot file.
const snapshotMagic = "stance-snapshot: 1"

// FormatSnapshot returns a's snapshot: a header of "key: value" lines
// (stance-snapshot, title, author, date, source, url, and blocks, the kind
// of each block in order: p, hN, qN, lN with N the level), a blank line,
// and then a's text exactly. ParseSnapshot reads it back into an article
// with the same text, blocks and metadata.
func FormatSnapshot(a *Article) []byte {
	var b bytes.Buffer
	b.WriteString(snapshotMagic + "\n")
	for _, f := range [][2]string{
		{"title", a.Meta.Title}, {"author", a.Meta.Author}, {"date", a.Meta.Date},
		{"source", a.Meta.Source}, {"url", a.Meta.URL},
	} {
		if v := OneLine(f[1]); v != "" {
			b.WriteString(f[0] + ": " + v + "\n")
		}
	}
	kinds := make([]string, len(a.Blocks))
	for i, bl := range a.Blocks {
		kinds[i] = blockCode(bl)
	}
	b.WriteString("blocks: " + strings.Join(kinds, " ") + "\n\n")
	b.WriteString(a.Text)
	b.WriteByte('\n')
	return b.Bytes()
}

func blockCode(b Block) string {
	switch b.Kind {
	case BlockHeading:
		return "h" + strconv.Itoa(b.Level)
	case BlockQuote:
		return "q" + strconv.Itoa(b.Level)
	case BlockListItem:
		return "l" + strconv.Itoa(b.Level)
	}
	return "p"
}

// ParseSnapshot reads a snapshot written by FormatSnapshot. The text after
// the header is normalised and split at blank lines into blocks, whose kinds
// the header gives; a snapshot edited by hand so that the counts disagree
// still opens, its blocks read as ParseText would. A file that does not
// start as a snapshot is parsed by ParseText.
func ParseSnapshot(name string, raw []byte) (*Article, error) {
	if err := CheckText(name, raw); err != nil {
		return nil, err
	}
	text := Normalize(raw)
	if !strings.HasPrefix(text, snapshotMagic+"\n") {
		return ParseText(name, raw)
	}
	header, body, ok := strings.Cut(text, "\n\n")
	if !ok {
		return nil, fmt.Errorf("%s: a snapshot without text", name)
	}
	var meta Meta
	var kinds []string
	for _, line := range strings.Split(header, "\n")[1:] {
		k, v, _ := strings.Cut(line, ": ")
		switch k {
		case "title":
			meta.Title = v
		case "author":
			meta.Author = v
		case "date":
			meta.Date = v
		case "source":
			meta.Source = v
		case "url":
			meta.URL = v
		case "blocks":
			kinds = strings.Fields(v)
		}
	}
	paras := splitParagraphs(strings.TrimSuffix(body, "\n"))
	var b articleBuilder
	for i, p := range paras {
		kind, level := BlockParagraph, 0
		if len(kinds) == len(paras) {
			kind, level = parseBlockCode(kinds[i])
		} else if i+1 < len(paras) && isHeadingLine(p) {
			kind, level = BlockHeading, 2
		}
		b.add(kind, level, p)
	}
	return b.article(name, meta), nil
}

func parseBlockCode(code string) (BlockKind, int) {
	if len(code) < 2 {
		return BlockParagraph, 0
	}
	level, err := strconv.Atoi(code[1:])
	if err != nil || level < 1 {
		return BlockParagraph, 0
	}
	switch code[0] {
	case 'h':
		return BlockHeading, min(level, 6)
	case 'q':
		return BlockQuote, min(level, maxNesting)
	case 'l':
		return BlockListItem, min(level, maxNesting)
	}
	return BlockParagraph, 0
}
