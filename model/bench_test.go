package model

import (
	"bytes"
	"io/fs"
	"testing"

	"stance/samples"
)

// bigArticle returns about 5 MB of article text made from a bundled sample.
func bigArticle(b *testing.B, name string) []byte {
	b.Helper()
	data, err := fs.ReadFile(samples.FS, name)
	if err != nil {
		b.Fatal(err)
	}
	return bytes.Repeat(append(data, "\n\n"...), 5<<20/len(data)+1)
}

func BenchmarkParseText5MB(b *testing.B) {
	raw := bigArticle(b, "2025-11-20-budget-debate.txt")
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := ParseText("big.txt", raw); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMarkdown5MB(b *testing.B) {
	raw := bigArticle(b, "2025-09-02-harbour-strike.md")
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := ParseMarkdown("big.md", raw); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindAll5MB(b *testing.B) {
	a, err := ParseText("big.txt", bigArticle(b, "2025-10-11-tokyo-summit.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		a.FindAll("ibáñez")
	}
}

func BenchmarkSentenceAt5MB(b *testing.B) {
	a, err := ParseText("big.txt", bigArticle(b, "2025-11-20-budget-debate.txt"))
	if err != nil {
		b.Fatal(err)
	}
	off := a.Len() / 2
	b.ResetTimer()
	for b.Loop() {
		a.SentenceAt(off)
		a.NextWord(off)
		a.PrevWord(off)
	}
}
