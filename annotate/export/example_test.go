package export_test

import (
	"fmt"
	"os"

	"stance/annotate"
	"stance/annotate/export"
	"stance/model"
)

func ExampleWrite() {
	text := "Anna Berg said the bridge will open in May. Tom Diaz doubted it."
	art := model.NewArticle(model.Meta{Title: "Bridge", Date: "2025-05-01"}, text, []model.Block{{Span: model.Span{End: 64}}})
	doc := annotate.New(art, "bridge.txt", "")
	doc.Actors = []model.Actor{
		{ID: "a-1", Name: "Anna Berg", Kind: model.KindPerson},
		{ID: "a-2", Name: "Tom Diaz", Kind: model.KindPerson},
	}
	doc.Claims = []model.Claim{{ID: "c-1", Text: "The bridge will open in May"}}
	for _, n := range []model.Annotation{
		{ID: "n-1", Type: model.TypeActor, Span: model.Span{Start: 0, End: 9}, Actor: "a-1"},
		{ID: "n-2", Type: model.TypePosition, Span: model.Span{Start: 15, End: 42}, Actor: "a-1", Claim: "c-1", Stance: model.StanceSupport},
		{ID: "n-3", Type: model.TypePosition, Span: model.Span{Start: 44, End: 63}, Actor: "a-2", Claim: "c-1", Stance: model.StanceOppose},
	} {
		n.Quote, n.Prefix, n.Suffix = annotate.Anchor(art, n.Span)
		doc.Annotations = append(doc.Annotations, n)
	}

	corpus := []export.Item{{Name: "bridge.txt", Article: art, Doc: doc}}
	if err := export.Write(os.Stdout, export.Markdown, corpus, export.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <!-- stance report -->
	//
	// # Bridge
	//
	// 2025-05-01 · bridge.txt
	//
	// **2 actors · 1 claim · 2 positions** — 1 support · 1 oppose · 0 neutral
	//
	// ## Actors
	//
	// | Actor | Kind | Mentions | Positions | Also called |
	// |---|---|--:|--:|---|
	// | Anna Berg | person | 1 | 1 | — |
	// | Tom Diaz | person | 0 | 1 | — |
	//
	// ## Claims
	//
	// | Claim | Said by | Support | Oppose | Neutral |
	// |---|---|--:|--:|--:|
	// | The bridge will open in May | — | 1 | 1 | 0 |
	//
	// ## Positions
	//
	// ### The bridge will open in May
	//
	// - **Anna Berg** supports: “the bridge will open in May”
	// - **Tom Diaz** opposes: “Tom Diaz doubted it”
}

func ExampleFormats() {
	for _, f := range export.Formats() {
		fmt.Printf("%-8s multi-file=%v\n", f.Format, f.MultiFile)
	}
	// Output:
	// json     multi-file=false
	// jsonl    multi-file=false
	// csv      multi-file=false
	// w3c      multi-file=false
	// brat     multi-file=true
	// graphml  multi-file=false
	// dot      multi-file=false
	// md       multi-file=false
	// dna      multi-file=false
}
