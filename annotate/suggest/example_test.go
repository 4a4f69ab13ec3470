package suggest_test

import (
	"fmt"

	"stance/annotate"
	"stance/annotate/suggest"
	"stance/model"
)

func ExampleSuggest() {
	art, _ := model.ParseText("summit.txt", []byte(
		"Ukrainian President Volodymyr Zelenskyy has ruled out ceding territory to Moscow. "+
			"“No ceasefire has been agreed,” Zelenskyy said."))
	for _, s := range suggest.Suggest(art, suggest.Known{}) {
		switch s.Type {
		case model.TypeActor:
			fmt.Printf("actor %q: %s (%s)\n", s.Quote, s.Actor.Name, s.Actor.Kind)
		case model.TypeClaim:
			fmt.Printf("claim %q by %s, stance %q\n", s.Quote, s.Speaker.Actor.Name, s.Stance)
		}
	}
	// Output:
	// actor "Ukrainian President Volodymyr Zelenskyy": Volodymyr Zelenskyy (person)
	// claim "ceding territory to Moscow" by Volodymyr Zelenskyy, stance "oppose"
	// actor "Moscow": Russia (country)
	// claim "No ceasefire has been agreed" by Volodymyr Zelenskyy, stance ""
	// actor "Zelenskyy": Volodymyr Zelenskyy (person)
}

func ExampleForDocument() {
	art, _ := model.ParseText("summit.txt", []byte("Russian President Vladimir Putin met reporters. Putin left."))
	doc := annotate.New(art, "summit.txt", "")
	ss := suggest.ForDocument(art, doc, nil)
	putin := suggest.SameActor(ss, ss[0])
	fmt.Println(len(putin), "suggestions of", putin[0].Actor.Name)
	// Output: 2 suggestions of Vladimir Putin
}
