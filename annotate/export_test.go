package annotate

import "stance/model"

// The encoding/json paths of Decode and DecodeLenient, which the one-pass
// parser must agree with (FuzzParseAgrees).

// DecodeReference is Decode without the one-pass parser.
func DecodeReference(name string, data []byte) (*Document, error) {
	return decodeReference(name, data)
}

// DecodeLenientReference is DecodeLenient without the one-pass parser.
func DecodeLenientReference(name string, data []byte, art *model.Article) (*Document, []Problem, error) {
	parts, err := splitLenient(name, data)
	if err != nil {
		return nil, nil, err
	}
	d, problems := lenientDocument(data, parts, art)
	return d, problems, nil
}

// Parses reports whether the one-pass parser reads data itself rather
// than leaving it to encoding/json.
func Parses(data []byte) bool {
	_, ok := parseDocument(data)
	return ok
}
