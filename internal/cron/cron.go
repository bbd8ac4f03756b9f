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

// RunsPerMonth is how many times a month a daily schedule fires on
// average: the days of the 365 that follow from that match its
// day-of-month, month and day-of-week fields, divided by 12 and rounded.
// It serves the cost warning of a monitor, so it errs on no side: a
// schedule that fires on one day a month gives 1, every day gives 30. As in
// Vixie cron, when both day fields are restricted a day matches either.
func RunsPerMonth(expr string, from time.Time) (int, error) {
	if err := ValidateDaily(expr); err != nil {
		return 0, err
	}
	parts := strings.Fields(expr)
	dom, month, dow := fields[2].set(parts[2]), fields[3].set(parts[3]), fields[4].set(parts[4])
	dow[0] = dow[0] || dow[7] // 7 is Sunday too
	domAny, dowAny := parts[2] == "*", parts[4] == "*"
	days := 0
	day := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	for range 365 {
		d, w := dom[day.Day()], dow[int(day.Weekday())]
		var dayMatch bool
		switch {
		case domAny || dowAny:
			dayMatch = d && w
		default:
			dayMatch = d || w
		}
		if month[int(day.Month())] && dayMatch {
			days++
		}
		day = day.AddDate(0, 0, 1)
	}
	return (days + 6) / 12, nil
}

// set is the values a checked field matches, indexed by value.
func (f field) set(s string) []bool {
	out := make([]bool, f.max+1)
	for _, item := range strings.Split(s, ",") {
		base, stepText, _ := strings.Cut(item, "/")
		step := 1
		if n, err := strconv.Atoi(stepText); err == nil {
			step = n
		}
		lo, hi := f.min, f.max
		if base != "*" {
			loText, hiText, isRange := strings.Cut(base, "-")
			lo = f.number(loText)
			hi = lo
			if isRange {
				hi = f.number(hiText)
			} else if stepText != "" {
				hi = f.max // "5/10" runs from 5 to the end
			}
		}
		for v := lo; v <= hi; v += step {
			out[v] = true
		}
	}
	return out
}

// number is a checked value of the field, by number or by name.
func (f field) number(s string) int {
	for i, n := range f.names {
		if strings.EqualFold(s, n) {
			return f.min + i
		}
	}
	n, _ := strconv.Atoi(s)
	return n
}
