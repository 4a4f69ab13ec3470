package annotate

import (
	"strings"

	"stance/model"
)

// quoteMarks are the quotation marks ClaimText strips from the ends of a
// quote.
const quoteMarks = `"'“”‘’«»„‚‹›「」『』`

// ClaimText is the default canonical wording of a claim quoted as quote: its
// spaces collapsed, and quotation marks at its ends removed, since a
// selected sentence often carries the closing mark of the speech it ends.
func ClaimText(quote string) string {
	s := model.OneLine(quote)
	for {
		t := strings.TrimSpace(strings.TrimLeft(strings.TrimRight(s, quoteMarks), quoteMarks))
		if t == s {
			return s
		}
		s = t
	}
}
