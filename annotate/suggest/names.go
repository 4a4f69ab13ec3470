package suggest

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A nameTrie finds names in a text a word at a time: every name,
// alias and short form the suggester knows, longest first. It is the
// word-level equivalent of an Aho-Corasick automaton over the names: a
// name starts at a word, so the text is read once, with one map lookup per
// word, and each match is extended as far as the names go.
type nameTrie struct {
	root trieNode
	size int
}

type trieNode struct {
	next map[string]*trieNode
	// forms are the names that end here. More than one entity may go by
	// the same words ("Holt" for two people): the matcher chooses.
	forms []form
}

// form is one way an entity is written.
type form struct {
	e     *entity
	short bool // a short form (a surname, an acronym), not a full name
}

// add files the words of a name under e.
func (t *nameTrie) add(words []string, f form) {
	if len(words) == 0 {
		return
	}
	n := &t.root
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		c := n.next[w]
		if c == nil {
			c = &trieNode{}
			n.next[w] = c
			t.size++
		}
		n = c
	}
	for _, g := range n.forms {
		if g.e == f.e {
			return
		}
	}
	n.forms = append(n.forms, f)
}

// remove drops the form f of the name words, if it is filed.
func (t *nameTrie) remove(words []string, f form) {
	n := &t.root
	for _, w := range words {
		if n = n.next[w]; n == nil {
			return
		}
	}
	n.forms = slices.DeleteFunc(n.forms, func(g form) bool { return g == f })
}

// named reports whether the words are a name filed in the trie.
func (t *nameTrie) named(words []string) bool {
	n := &t.root
	for _, w := range words {
		if n = n.next[w]; n == nil {
			return false
		}
	}
	return len(n.forms) > 0
}

// longest returns the longest name that starts at word token i of d: the
// index after its last token and the forms that end there, or (i, nil).
// The words of a name follow each other with white space or a hyphen
// between them, in one block.
func (t *nameTrie) longest(d *doc, i int) (end int, forms []form) {
	n := &t.root
	end = i
	for k := i; k < len(d.toks); {
		tok := d.toks[k]
		if !tok.word || n.next == nil {
			break
		}
		c := n.next[key(d, k)]
		if c == nil {
			break
		}
		n = c
		if len(n.forms) > 0 {
			end, forms = k+1, n.forms
		}
		if tok.possessive && k > i && len(n.next) == 0 {
			break
		}
		// The next word of the name: after white space, or after a
		// hyphen with none around it.
		switch next := d.following(k); {
		case next < len(d.toks) && d.toks[next].word && d.toks[next].space && d.sameBlock(k, next):
			k = next
		case d.is(k+1, '-') && !d.toks[k+1].space && k+2 < len(d.toks) && d.toks[k+2].word &&
			!d.toks[k+2].space && d.sameBlock(k, k+2):
			k += 2
		default:
			return end, forms
		}
	}
	return end, forms
}

// key is the word of token i as names are filed: as written, with its
// apostrophes as "'".
func key(d *doc, i int) string {
	s := d.str(d.toks[i])
	for k := 0; k < len(s); k++ {
		if s[k] >= utf8.RuneSelf {
			if strings.ContainsAny(s, "’ʼ") {
				return strings.NewReplacer("’", "'", "ʼ", "'").Replace(s)
			}
			break
		}
	}
	return s
}

// wordsOf splits a name into the words the trie files it by, tokenised as
// an article's text is.
func wordsOf(name string) []string {
	d := &doc{text: name, runes: []rune(name)}
	d.tokenise(0, 0, 0, len(d.runes))
	var out []string
	for i, t := range d.toks {
		if t.word {
			out = append(out, key(d, i))
		}
	}
	return out
}

// nameKey folds a name for comparing names: lower case, single spaces,
// apostrophes as "'".
func nameKey(s string) string {
	return strings.Join(strings.Fields(foldLower(s)), " ")
}
