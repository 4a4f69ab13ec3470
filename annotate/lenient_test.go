package annotate_test

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"stance/annotate"
)

// after replaces the first old after the object with the given id.
func after(id, old, new string) func(t *testing.T, s string) string {
	return func(t *testing.T, s string) string {
		t.Helper()
		i := strings.Index(s, `"id": "`+id+`"`)
		j := strings.Index(s[max(i, 0):], old)
		if i < 0 || j < 0 {
			t.Fatalf("%q after %s not in the file", old, id)
		}
		return s[:i+j] + new + s[i+j+len(old):]
	}
}

// Damaged annotation files: a one-line error naming the file and
// line:column, or the entry's id; partial damage opens the rest read-only;
// and the file is never changed.
func TestDamagedFiles(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(t *testing.T, s string) string
		fatal   string   // Open's error, a regular expression ("" if it opens)
		skipped []string // Problem.String() of each entry skipped
	}{
		{"truncated", func(_ *testing.T, s string) string { return s[:len(s)/2] },
			`^PATH:\d+:\d+: unexpected end of JSON input$`, nil},
		{"not JSON", func(_ *testing.T, s string) string { return "schema = 1\n" },
			`^PATH:1:1: invalid character 's' looking for beginning of value$`, nil},
		{"newer schema", func(_ *testing.T, s string) string { return strings.Replace(s, `"schema": 1`, `"schema": 7`, 1) },
			`^PATH: schema 7 is newer than this stance understands \(1\); the file was not changed$`, nil},
		{"annotations not an array", func(_ *testing.T, s string) string {
			return regexp.MustCompile(`(?s)"annotations": \[.*\]\n}`).ReplaceAllString(s, `"annotations": {}}`)
		}, `^PATH:\d+:\d+: annotations: expected an array, found object$`, nil},
		{"wrong type in one annotation", after("n-05", `"start": `, `"start": "x", "was": `), "",
			[]string{`\d+:\d+: n-05: start: expected an integer, found string \(annotation skipped\)`}},
		{"annotation not an object", after("n-05", `{`, `7, {`), "",
			[]string{`\d+:\d+: annotation #\d+: expected an object, found number \(annotation skipped\)`}},
		{"unknown annotation type", after("n-08", `"type": "actor"`, `"type": "quote"`), "",
			[]string{`\d+:\d+: n-08: unknown type "quote" \(want one of actor, claim, position\) \(annotation skipped\)`}},
		{"duplicate id", after("n-02", `"id": "n-02"`, `"id": "n-01"`), "",
			[]string{`\d+:\d+: n-01: id used more than once \(annotation skipped\)`}},
		{"missing actor", after("a-nato", `"id": "a-nato"`, `"id": "a-otan"`), "",
			[]string{`\d+:\d+: n-18: actor a-nato is not in the actor registry \(annotation skipped\)`}},
		{"missing claim", after("n-16", `"claim": "c-peacemaker"`, `"claim": "c-gone"`), "",
			[]string{`\d+:\d+: n-16: claim c-gone is not in the claim registry \(annotation skipped\)`}},
		{"offsets outside the text", after("n-18", `"end": `, `"end": 9`), "",
			[]string{`\d+:\d+: n-18: span \[\d+, 9\d+\) is outside the article \(0–2465\) \(annotation skipped\)`}},
		{"quote not at its offsets", after("n-03", `"quote": "Trump"`, `"quote": "Trumps"`), "",
			[]string{`\d+:\d+: n-03: quote "Trumps" does not match the article's text "Trump" at \[\d+, \d+\) \(annotation skipped\)`}},
		{"bad actor kind", after("a-nato", `"kind": "organization"`, `"kind": "alliance"`), "",
			[]string{`\d+:\d+: a-nato: unknown kind "alliance" \(want one of person, organization, country, other\) \(actor skipped\)`,
				`\d+:\d+: n-18: actor a-nato is not in the actor registry \(annotation skipped\)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := seedFile(t)
			damaged := tt.damage(t, readFile(t, path))
			if err := os.WriteFile(path, []byte(damaged), 0o644); err != nil {
				t.Fatal(err)
			}
			art, err := seedArticle()
			if err != nil {
				t.Fatal(err)
			}
			o, err := annotate.Open(path, art, seedName)
			if tt.fatal != "" {
				want := regexp.MustCompile(strings.ReplaceAll(tt.fatal, "PATH", regexp.QuoteMeta(path)))
				if err == nil || !want.MatchString(err.Error()) {
					t.Errorf("Open error = %v, want %s", err, want)
				}
				if _, derr := annotate.Decode(path, []byte(damaged)); derr == nil || derr.Error() != err.Error() {
					t.Errorf("Decode error = %v, want Open's", derr)
				}
			} else {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				defer o.File.Close()
				if len(o.Skipped) != len(tt.skipped) {
					t.Fatalf("skipped %q, want %d", o.Skipped, len(tt.skipped))
				}
				for i, p := range o.Skipped {
					if !regexp.MustCompile("^" + tt.skipped[i] + "$").MatchString(p.String()) {
						t.Errorf("skipped %q, want %s", p, tt.skipped[i])
					}
					if strings.Contains(p.In(path), "\n") || !strings.HasPrefix(p.In(path), path+":") {
						t.Errorf("In(path) = %q: want one line naming the file", p.In(path))
					}
				}
				added := map[string]int{"annotation not an object": 1}[tt.name] // entries the damage adds
				if want := len(seedMarks) + added - countAnnotationsSkipped(o.Skipped); len(o.Doc.Annotations) != want {
					t.Errorf("opened %d annotations, want %d", len(o.Doc.Annotations), want)
				}
				ro := o.File.ReadOnly()
				if !errors.Is(ro, annotate.ErrDamaged) || !strings.Contains(ro.Error(), "skipped, opened read-only; first: "+path+":") {
					t.Errorf("ReadOnly() = %v", ro)
				}
				if _, err := o.File.Save(o.Doc); !errors.Is(err, annotate.ErrReadOnly) {
					t.Errorf("Save of a damaged file: %v, want ErrReadOnly", err)
				}
			}
			if got := readFile(t, path); got != damaged {
				t.Error("the damaged file was changed")
			}
		})
	}
}

func countAnnotationsSkipped(ps []annotate.Problem) int {
	n := 0
	for _, p := range ps {
		if strings.HasSuffix(p.Msg, "(annotation skipped)") {
			n++
		}
	}
	return n
}

// A file made on another version of the article is stale, not damaged:
// DecodeLenient keeps annotations whose offsets no longer fit.
func TestDecodeLenientStaleIsNotDamage(t *testing.T) {
	path := seedFile(t)
	edited := parseArticle(t, strings.Replace(seedRaw(t), "On Friday, the", "On Friday the", 1))
	d, problems, err := annotate.LoadLenient(path, edited)
	if err != nil || len(problems) != 0 || len(d.Annotations) != len(seedMarks) {
		t.Errorf("LoadLenient = %d annotations, %q, %v", len(d.Annotations), problems, err)
	}
}

// Without problems DecodeLenient returns what Decode does.
func TestDecodeLenientAgreesWithDecode(t *testing.T) {
	data := []byte(goldenDocument)
	strict, err := annotate.Decode("golden", data)
	if err != nil {
		t.Fatal(err)
	}
	lenient, problems, err := annotate.DecodeLenient("golden", data, nil)
	if err != nil || len(problems) != 0 {
		t.Fatalf("DecodeLenient: %q, %v", problems, err)
	}
	if a, b := marshal(t, strict), marshal(t, lenient); a != b {
		t.Errorf("DecodeLenient gives\n%s\nDecode gives\n%s", b, a)
	}
}
