package export

import "stance/annotate"

// AddCodebooks sets the Codebook of each item whose annotations file
// belongs to a project (annotate.FindProject) to that project's codebook,
// so that the corpus merges the project's entities by ID. Each project's
// codebook is read once (Project.Load, which first completes a change of
// the codebook that a stance killed half-way left), and every item of one
// project shares it, as the merge by codebook requires. Items outside any
// project, or without an annotations file, are left as they are. A
// codebook that cannot be read is an error that names it.
func AddCodebooks(items []Item) error {
	byRoot := map[string]*annotate.Codebook{}
	for i := range items {
		if items[i].AnnotationsPath == "" {
			continue
		}
		p, err := annotate.FindProject(items[i].AnnotationsPath)
		if err != nil {
			return err
		}
		if p == nil {
			continue
		}
		cb, ok := byRoot[p.Root]
		if !ok {
			if cb, err = p.Load(); err != nil {
				return err
			}
			byRoot[p.Root] = cb
		}
		items[i].Codebook = cb
	}
	return nil
}
