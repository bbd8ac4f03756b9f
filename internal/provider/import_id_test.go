package provider

import (
	"strings"
	"testing"
)

func TestParseChildImportID(t *testing.T) {
	for in, want := range map[string][2]string{
		"webset_1/search_2":   {"webset_1", "search_2"},
		"team/webset/search3": {"team/webset", "search3"}, // split on the last slash
	} {
		w, s, err := parseChildImportID(in, "search_id")
		if err != nil || w != want[0] || s != want[1] {
			t.Errorf("%q: %q %q %v", in, w, s, err)
		}
	}
	for _, bad := range []string{"", "nosl", "/s", "w/", " w/s", "w/s "} {
		if _, _, err := parseChildImportID(bad, "search_id"); err == nil || !strings.Contains(err.Error(), "<webset_id>/<search_id>") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
