package cron

import (
	"strings"
	"testing"
	"time"
)

func TestValidateDaily(t *testing.T) {
	for expr, want := range map[string]string{
		"0 9 * * *":             "",
		"30 6 * * 1-5":          "",
		"15 23 1,15 * *":        "",
		"0 0 * jan-mar mon":     "",
		"0 12 */2 * *":          "",
		"* 9 * * *":             "more than once a day",
		"*/5 * * * *":           "more than once a day",
		"0 9,17 * * *":          "more than once a day",
		"0 9-17 * * *":          "more than once a day",
		"0 9 * *":               "has 4 fields",
		"0 9 * * * *":           "has 6 fields",
		"60 9 * * *":            `the minute "60" is not valid (values 0-59): end of range (60) above maximum (59)`,
		"0 24 * * *":            `the hour "24" is not valid (values 0-23)`,
		"0 9 32 * *":            `the day of month "32" is not valid (values 1-31)`,
		"0 9 * 13 *":            `the month "13" is not valid (values 1-12 or jan-dec)`,
		"0 9 * * funday":        `the day of week "funday" is not valid (values 0-7 or sun-sat, 0 and 7 for Sunday): not a number or a name`,
		"0 9 */0 * *":           "step of range should be a positive number",
		"0 9 * * 5-1":           `the day of week "5-1" is not valid (values 0-7 or sun-sat, 0 and 7 for Sunday): beginning of range (5) beyond end of range (1)`,
		"0 9 * * 8":             "above maximum (6)",
		"0 9 31 2 *":            "never fires",
		"CRON_TZ=UTC 0 9 * * *": "give the timezone in its own attribute",
		"TZ=UTC 0 9 * * *":      "give the timezone in its own attribute",
		"@daily":                "has 1 fields",
		"0 9 * * 7":             "",
		"0 9 * * 5-7":           "",
		"0 9 * * sun-sat":       "",
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

// nextRunAt honors every field, not only the minute and the hour.
func TestNextDaily_everyFieldCounts(t *testing.T) {
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) // a Sunday
	for expr, want := range map[string]time.Time{
		"0 9 * * 1":   time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC), // Monday, 09:00 in Berlin
		"0 9 * * 0":   time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC),  // next Sunday
		"0 9 * * 7":   time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC),  // 7 is Sunday too
		"0 9 15 * *":  time.Date(2026, 12, 15, 8, 0, 0, 0, time.UTC),
		"0 9 1 mar *": time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC),
	} {
		next, err := NextDaily(expr, "Europe/Berlin", now)
		if err != nil || !next.Equal(want) {
			t.Errorf("NextDaily(%q) = %s, %v; want %s", expr, next, err, want)
		}
	}
}

func TestRunsPerMonth(t *testing.T) {
	from := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	for expr, want := range map[string]int{
		"0 9 * * *":         30, // 365 days
		"0 9 * * 1-5":       22, // 261 weekdays
		"0 9 * * mon":       4,  // 52 Mondays
		"0 9 * * 0":         4,  // Sundays
		"0 9 * * 7":         4,  // Sundays, as 7
		"0 9 1 * *":         1,
		"0 9 1,15 * *":      2,
		"0 9 */2 * *":       16, // the odd days: 186 in the year
		"0 9 5/10 * *":      3,  // days 5, 15 and 25: a step counts from its value
		"0 9 * jan *":       3,  // 31 days of January
		"0 9 1 * mon":       5,  // the 1st or a Monday: 12 + 52 - 1 or 2
		"30 23 29 feb *":    0,  // no 29 February in the coming year
		"0 0 * jan-mar mon": 1,  // 13 Mondays
		"0 9 * * 5-7":       13, // Friday to Sunday: 157 days
		"0 9 * * 1-7/2":     17, // Monday, Wednesday, Friday, Sunday: 209 days
	} {
		got, err := RunsPerMonth(expr, from)
		if err != nil || got != want {
			t.Errorf("RunsPerMonth(%q) = %d, %v; want %d", expr, got, err, want)
		}
	}
	if _, err := RunsPerMonth("0 9,17 * * *", from); err == nil {
		t.Error("RunsPerMonth took a schedule that fires twice a day")
	}
}
