package export

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
)

// csvHeader is the CSV export's header row: the Discourse Network
// Analyzer's event list, one statement (position) per row.
var csvHeader = []string{
	"statement_id", "date", "title", "source", "actor", "actor_kind",
	"claim", "stance", "start", "end", "quote", "note", "author",
}

// writeCSV writes one row per position annotation, in corpus order, under
// a header row: RFC 4180 quoting, UTF-8 without a byte-order mark, records
// ended by CRLF. Line breaks inside a quote or note are kept as LF, so that
// a quote read back is the article's text exactly. Actors and claims are
// the merged ones; start and end are code points, empty for an orphaned
// position (whose quote is the text it last marked); author is the coder
// who recorded the position, empty when the file does not say.
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
	for _, p := range c.positions {
		m := metaOf(c.items[p.item])
		var actor, kind, claim string
		if p.actor != nil {
			actor, kind = p.actor.Name, string(p.actor.Kind)
		}
		if p.claim != nil {
			claim = p.claim.Text
		}
		start, end := strconv.Itoa(p.n.Span.Start), strconv.Itoa(p.n.Span.End)
		if p.n.Orphan {
			start, end = "", ""
		}
		err := write([]string{
			p.n.ID, m.Date, m.Title, m.Source,
			actor, kind, claim, string(p.n.Stance),
			start, end, p.n.Quote, p.n.Note, p.n.Author,
		})
		if err != nil {
			return err
		}
	}
	return nil
}
