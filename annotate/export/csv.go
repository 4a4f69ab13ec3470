package export

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"stance/annotate"
	"stance/model"
)

// csvHeader is the CSV export's header row: the Discourse Network
// Analyzer's event list, one statement (position) per row.
var csvHeader = []string{
	"statement_id", "date", "title", "publication", "url", "source",
	"actor", "actor_kind", "claim", "stance", "start", "end", "quote", "note", "author",
}

// writeCSV writes one row per position annotation, in corpus order, under
// a header row: RFC 4180 quoting, UTF-8 without a byte-order mark, records
// ended by CRLF. Line breaks inside a quote or note are kept as LF, so that
// a quote read back is the article's text exactly. Date, title,
// publication and url are the article's, source is its path. Actors and
// claims are the merged ones; start, end and quote are the position's
// evidence — its own span, or for a position without one the span of its
// claim nearest to it, as the other formats place it — and start and end,
// in code points, are empty for a position with neither, or an orphan
// (whose quote is the text it last marked); author is the coder who
// recorded the position, empty when the file does not say. Every cell is
// made safe (csvCell).
func writeCSV(w io.Writer, c *corpus) error {
	var rec bytes.Buffer
	cw := csv.NewWriter(&rec)
	write := func(fields []string) error {
		rec.Reset()
		if err := cw.Write(fields); err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		// csv.Writer ends records with LF, or with UseCRLF turns every LF
		// into CRLF, quoted ones included; only the record's end should be.
		line := bytes.TrimSuffix(rec.Bytes(), []byte("\n"))
		_, err := w.Write(append(line, '\r', '\n'))
		return err
	}
	if err := write(csvHeader); err != nil {
		return err
	}
	itemLinks := make([]links, len(c.items))
	for i, it := range c.items {
		itemLinks[i] = newLinks(it.Doc)
	}
	for _, p := range c.positions {
		it := c.items[p.item]
		m := metaOf(it)
		var actor, kind, claim string
		if p.actor != nil {
			actor, kind = p.actor.Name, string(p.actor.Kind)
		}
		if p.claim != nil {
			claim = p.claim.Text
		}
		var start, end string
		quote := p.n.Quote
		if span, ok := itemLinks[p.item].evidence(p.n); ok {
			start, end = strconv.Itoa(span.Start), strconv.Itoa(span.End)
			quote, _, _ = annotate.Anchor(it.Article, span)
		}
		fields := []string{
			p.n.ID, m.Date, m.Title, m.Publication, m.URL, m.Source,
			actor, kind, claim, string(p.n.Stance),
			start, end, quote, p.n.Note, p.n.Author,
		}
		for i, f := range fields {
			fields[i] = csvCell(f)
		}
		if err := write(fields); err != nil {
			return err
		}
	}
	return nil
}

// csvCell returns s made safe for a cell: without what model.SafeText
// removes, and, as OWASP's advice on CSV injection has it, with a ' before
// a cell that begins with =, +, -, @, a tab or a carriage return, which a
// spreadsheet would otherwise run as a formula (=HYPERLINK(…), =cmd|…).
// The ' shows the cell is text in Excel, LibreOffice and Google Sheets;
// a program that reads the CSV sees it, and the README says so.
func csvCell(s string) string {
	s = model.SafeText(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
