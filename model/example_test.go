package model_test

import (
	"fmt"
	"strings"

	"stance/model"
)

func ExampleParse() {
	src := " date 2025-08-15 On Friday, the talks in Anchorage ended. Both sides called them productive.\r\n" +
		"\r\n" +
		"No Deal Yet\r\n" +
		"\r\n" +
		"Talks resume next week, the \x1b[1mU.S.\x1b[0m side said.\r\n"
	a, err := model.Parse("talks.txt", strings.NewReader(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("title:", a.Meta.Title)
	fmt.Println("date:", a.Meta.Date)
	for _, b := range a.Blocks {
		fmt.Printf("%s %v: %s\n", b.Kind, b.Span, a.Slice(b.Span))
	}
	first := a.Blocks[0].Span.Start
	fmt.Println("first sentence:", a.Slice(a.SentenceAt(first)))
	// Output:
	// title: No Deal Yet
	// date: 2025-08-15
	// paragraph {0 75}: On Friday, the talks in Anchorage ended. Both sides called them productive.
	// heading {77 88}: No Deal Yet
	// paragraph {90 133}: Talks resume next week, the U.S. side said.
	// first sentence: On Friday, the talks in Anchorage ended.
}

func ExampleArticle_FindAll() {
	a := model.NewArticle(model.Meta{}, "Putin met Trump; PUTIN left first.", nil)
	for _, s := range a.FindAll("putin") {
		fmt.Println(s, a.Slice(s))
	}
	fmt.Println(len(a.FindAll("Putin")), "match with smart case")
	// Output:
	// {0 5} Putin
	// {17 22} PUTIN
	// 1 match with smart case
}
