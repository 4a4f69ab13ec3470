package suggest

import (
	_ "embed"
	"strings"
	"sync"

	"stance/model"
)

//go:embed countries.txt
var countriesText string

// place is an entry of the gazetteer: a country or a known organisation.
type place struct {
	name      string
	kind      model.ActorKind
	names     []string // the name and its other names
	capitals  []string
	demonyms  []string
	isCountry bool
}

var (
	gazetteerOnce sync.Once
	gazetteer     []*place
	// demonymOf maps a demonym ("Russian") to its country.
	demonymOf map[string]*place
)

// loadGazetteer reads the countries and organisations once.
func loadGazetteer() {
	gazetteerOnce.Do(func() {
		demonymOf = map[string]*place{}
		for _, line := range strings.Split(countriesText, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "|")
			for len(f) < 4 {
				f = append(f, "")
			}
			p := &place{name: strings.TrimSpace(f[0]), kind: model.KindCountry, isCountry: true}
			p.names = append([]string{p.name}, list(f[1])...)
			p.demonyms = list(f[2])
			p.capitals = list(f[3])
			for _, d := range p.demonyms {
				demonymOf[d] = p
			}
			gazetteer = append(gazetteer, p)
		}
		for _, line := range orgGazetteer {
			f := strings.Split(line, "|")
			p := &place{name: strings.TrimSpace(f[0]), kind: model.KindOrganization}
			p.names = append([]string{p.name}, list(f[1])...)
			gazetteer = append(gazetteer, p)
		}
	})
}

// list splits a comma-separated list, dropping empty items.
func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
