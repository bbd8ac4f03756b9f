package cron

import (
	"strings"
	"testing"
	"time"
)

func TestValidateDaily(t *testing.T) {
	for expr, want := range map[string]string{
		"0 9 * * *":         "",
		"30 6 * * 1-5":      "",
		"15 23 1,15 * *":    "",
		"0 0 * jan-mar mon": "",
		"0 12 */2 * *":      "",
		"* 9 * * *":         "more than once a day",
		"*/5 * * * *":       "more than once a day",
		"0 9,17 * * *":      "more than once a day",
		"0 9-17 * * *":      "more than once a day",
		"0 9 * *":           "has 4 fields",
		"0 9 * * * *":       "has 6 fields",
		"60 9 * * *":        "not a value from 0 to 59",
		"0 24 * * *":        "not a value from 0 to 23",
		"0 9 32 * *":        "not a value from 1 to 31",
		"0 9 * 13 *":        "not a value from 1 to 12",
		"0 9 * * funday":    "not a value",
		"0 9 */0 * *":       "bad step",
	} {
		err := ValidateDaily(expr)
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", expr, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: got %v, want %q", expr, err, want)
		}
	}
}

func TestValidateTimezone(t *testing.T) {
	for _, ok := range []string{"Etc/UTC", "Europe/Berlin", "America/New_York"} {
		if err := ValidateTimezone(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "Local", "Mars/Olympus", "CEST+2"} {
		if ValidateTimezone(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestNextDaily(t *testing.T) {
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	next, err := NextDaily("30 9 * * *", "Europe/Berlin", now) // 10:00 UTC is 11:00 in Berlin
	if err != nil || !next.Equal(time.Date(2026, 11, 30, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("got %s, %v", next, err)
	}
}
