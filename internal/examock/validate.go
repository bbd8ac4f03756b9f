package examock

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"unicode/utf8"
)

// Limits from the spec's CreateWebsetSearchParameters and
// CreateWebsetParameters. The mock answers 400 to a body that breaks one.

var entityTypes = map[string]bool{"company": true, "person": true, "article": true, "research_paper": true, "custom": true}

func validateCreateSearch(in *createSearchBody) error {
	if in.Query == nil {
		return fmt.Errorf("query is required")
	}
	if err := checkLen("query", *in.Query, 1, 5000); err != nil {
		return err
	}
	if in.Count == nil {
		return fmt.Errorf("count is required")
	}
	if *in.Count < 1 || math.IsNaN(*in.Count) {
		return fmt.Errorf("count must be at least 1")
	}
	if in.Entity != nil {
		if err := validateEntity(in.Entity); err != nil {
			return err
		}
	}
	if in.Criteria != nil && (len(in.Criteria) < 1 || len(in.Criteria) > 5) {
		return fmt.Errorf("criteria must hold 1 to 5 items, not %d", len(in.Criteria))
	}
	for i, c := range in.Criteria {
		if err := checkLen(fmt.Sprintf("criteria[%d].description", i), c.Description, 1, 1000); err != nil {
			return err
		}
	}
	if err := validateSources("exclude", in.Exclude); err != nil {
		return err
	}
	for i, sc := range in.Scope {
		if err := validateSource(fmt.Sprintf("scope[%d]", i), sourceJSON{Source: sc.Source, ID: sc.ID}); err != nil {
			return err
		}
		if rel := sc.Relationship; rel != nil {
			if rel.Definition == "" {
				return fmt.Errorf("scope[%d].relationship.definition is required", i)
			}
			if rel.Limit < 1 || rel.Limit > 10 {
				return fmt.Errorf("scope[%d].relationship.limit must be between 1 and 10", i)
			}
		}
	}
	if in.Behavior != nil && *in.Behavior != "override" && *in.Behavior != "append" {
		return fmt.Errorf("behavior must be override or append, not %q", *in.Behavior)
	}
	// Since the spec (README): a number of at least 1. Exa's SDKs send whole
	// numbers; the mock refuses a fraction too, as the cap counts people.
	if n := in.MaxPeoplePerCompany; n != nil && (*n < 1 || *n != math.Trunc(*n)) {
		return fmt.Errorf("maxPeoplePerCompany must be a whole number of at least 1, not %v", *n)
	}
	return validateMetadata(in.Metadata)
}

func validateEntity(e *entityJSON) error {
	if !entityTypes[e.Type] {
		return fmt.Errorf("entity.type %q is not one of company, person, article, research_paper, custom", e.Type)
	}
	if e.Type == "custom" {
		if e.Description == nil {
			return fmt.Errorf("entity.description is required for the custom entity")
		}
		return checkLen("entity.description", *e.Description, 2, 200)
	}
	if e.Description != nil {
		return fmt.Errorf("entity.description is allowed only for the custom entity")
	}
	return nil
}

func validateSources(field string, list []sourceJSON) error {
	for i, src := range list {
		if err := validateSource(fmt.Sprintf("%s[%d]", field, i), src); err != nil {
			return err
		}
	}
	return nil
}

func validateSource(field string, src sourceJSON) error {
	if src.Source != "import" && src.Source != "webset" {
		return fmt.Errorf("%s.source must be import or webset, not %q", field, src.Source)
	}
	if src.ID == "" {
		return fmt.Errorf("%s.id must not be empty", field)
	}
	return nil
}

// validateMetadata checks the values' length. Keys are checked in sorted
// order, so that two bad keys always give the same error.
func validateMetadata(m map[string]string) error {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if utf8.RuneCountInString(m[k]) > 1000 {
			return fmt.Errorf("metadata[%q] is longer than 1000 characters", k)
		}
	}
	return nil
}

func checkLen(field, v string, lo, hi int) error {
	n := utf8.RuneCountInString(v)
	if n < lo || n > hi {
		return fmt.Errorf("%s must be %d to %d characters long, not %d", field, lo, hi, n)
	}
	return nil
}
