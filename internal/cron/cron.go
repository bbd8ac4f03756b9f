// Package cron checks the cadence of Exa monitors: a standard 5-field Unix
// cron expression that fires at most once a day.
package cron

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // timezone names resolve on machines without a zoneinfo database
)

// field is one of the five cron fields, with its range and names.
type field struct {
	name     string
	min, max int
	names    []string // names[i] stands for min+i
}

var fields = []field{
	{name: "minute", min: 0, max: 59},
	{name: "hour", min: 0, max: 23},
	{name: "day of month", min: 1, max: 31},
	{name: "month", min: 1, max: 12, names: []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}},
	{name: "day of week", min: 0, max: 7, names: []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}},
}

// ValidateDaily checks that expr is a valid 5-field cron expression whose
// schedule fires at most once a day: its minute and hour are single values,
// so that each day it matches, it matches once.
func ValidateDaily(expr string) error {
	parts := strings.Fields(expr)
	if len(parts) != 5 {
		return fmt.Errorf("%q has %d fields; a Unix cron expression has 5: minute hour day-of-month month day-of-week", expr, len(parts))
	}
	for i, f := range fields {
		if err := f.check(parts[i]); err != nil {
			return fmt.Errorf("%q: %w", expr, err)
		}
	}
	for i := range 2 {
		if _, err := strconv.Atoi(parts[i]); err != nil {
			return fmt.Errorf("%q fires more than once a day: Exa monitors run at most daily, so the %s must be a single number, such as \"0 9 * * *\" for 09:00 every day", expr, fields[i].name)
		}
	}
	return nil
}

// check validates one field: *, values, names, ranges, lists and steps.
func (f field) check(s string) error {
	for _, item := range strings.Split(s, ",") {
		base, step, hasStep := strings.Cut(item, "/")
		if hasStep {
			if n, err := strconv.Atoi(step); err != nil || n < 1 {
				return fmt.Errorf("%s %q: bad step %q", f.name, s, step)
			}
		}
		if base == "*" {
			continue
		}
		lo, hi, isRange := strings.Cut(base, "-")
		if err := f.value(lo); err != nil {
			return fmt.Errorf("%s %q: %w", f.name, s, err)
		}
		if isRange {
			if err := f.value(hi); err != nil {
				return fmt.Errorf("%s %q: %w", f.name, s, err)
			}
		}
	}
	return nil
}

func (f field) value(s string) error {
	for _, n := range f.names {
		if strings.EqualFold(s, n) {
			return nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < f.min || n > f.max {
		return fmt.Errorf("%q is not a value from %d to %d", s, f.min, f.max)
	}
	return nil
}

// ValidateTimezone checks an IANA timezone name such as Europe/Berlin.
func ValidateTimezone(name string) error {
	if name == "" || name == "Local" {
		return fmt.Errorf("%q is not an IANA timezone name", name)
	}
	if _, err := time.LoadLocation(name); err != nil {
		return fmt.Errorf("%q is not an IANA timezone name, such as Europe/Berlin or America/New_York", name)
	}
	return nil
}

// NextDaily returns the next time after now when a daily schedule with this
// minute and hour fires, in the timezone; the other fields are not taken
// into account. It serves the mock's nextRunAt.
func NextDaily(expr, timezone string, now time.Time) (time.Time, error) {
	if err := ValidateDaily(expr); err != nil {
		return time.Time{}, err
	}
	loc, err := time.LoadLocation(timezone)
	if err != nil {
		return time.Time{}, err
	}
	parts := strings.Fields(expr)
	minute, _ := strconv.Atoi(parts[0])
	hour, _ := strconv.Atoi(parts[1])
	local := now.In(loc)
	next := time.Date(local.Year(), local.Month(), local.Day(), hour, minute, 0, 0, loc)
	if !next.After(local) {
		next = next.AddDate(0, 0, 1)
	}
	return next.UTC(), nil
}
