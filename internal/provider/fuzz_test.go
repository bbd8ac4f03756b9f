package provider

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// Whatever JSON Exa sends for a search, decoding and flattening it never
// panics, and a decoded search always flattens without error. Seeds are in
// testdata/fuzz/FuzzFlattenSearch.
func FuzzFlattenSearch(f *testing.F) {
	f.Add([]byte(`{"id":"s","status":"running","count":10.0,"progress":{"found":1,"analyzed":2,"completion":10,"timeLeft":null}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s exa.Search
		if json.Unmarshal(data, &s) != nil {
			return
		}
		for _, prior := range []websetSearchModel{
			{},
			{websetSearchData: websetSearchData{Canceled: types.BoolValue(true), Recall: types.BoolValue(true), Metadata: types.MapValueMust(types.StringType, nil)}},
		} {
			m := flattenSearch(&s, prior)
			if m.ID.ValueString() != s.ID || m.Status.ValueString() != s.Status {
				t.Fatalf("lost id or status: %+v", m)
			}
			if m.Canceled.ValueBool() && s.Status != exa.SearchCanceled && s.Status != exa.SearchCompleted {
				t.Fatalf("canceled = true for a %q search", s.Status)
			}
		}
	})
}

// Item pages of any shape flatten without panic.
func FuzzFlattenItems(f *testing.F) {
	f.Add([]byte(`{"data":[{"id":"i","properties":{"type":"company","company":{"name":"A"}},"evaluations":[],"enrichments":null}],"hasMore":false,"nextCursor":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var page exa.Page[exa.Item]
		if json.Unmarshal(data, &page) != nil {
			return
		}
		out := flattenItems(page.Data, true)
		if len(out.Elements()) != len(page.Data) {
			t.Fatalf("%d items became %d", len(page.Data), len(out.Elements()))
		}
	})
}

// An import ID either parses into two non-empty parts that rebuild it, or
// is refused with the expected form in the message.
func FuzzParseSearchImportID(f *testing.F) {
	for _, seed := range []string{"webset_1/search_2", "a/b/c", "/", "", "w/", "/s", " w/s"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		w, s, err := parseChildImportID(id, "search_id")
		if err != nil {
			if !strings.Contains(err.Error(), "<webset_id>/<search_id>") {
				t.Fatalf("%q: unhelpful error %v", id, err)
			}
			return
		}
		if w == "" || s == "" || strings.Contains(s, "/") || w+"/"+s != id {
			t.Fatalf("%q parsed into %q and %q", id, w, s)
		}
	})
}
