// Package cron checks the cadence of Exa monitors: a standard 5-field Unix
// cron expression that fires at most once a day. Parsing and scheduling are
// robfig/cron/v3's (the parser behind Kubernetes CronJobs); this package
// adds what Exa's cadence asks of it: at most one run a day, 7 read as
// Sunday, no timezone prefix (the timezone is an attribute of its own), and
// clear messages that name the field at fault.
package cron

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // timezone names resolve on machines without a zoneinfo database

	robfig "github.com/robfig/cron/v3"
)

// parser reads the five standard fields and nothing else: no seconds, no
// descriptors such as @daily.
var parser = robfig.NewParser(robfig.Minute | robfig.Hour | robfig.Dom | robfig.Month | robfig.Dow)

var (
	fieldNames  = []string{"minute", "hour", "day of month", "month", "day of week"}
	fieldValues = []string{"0-59", "0-23", "1-31", "1-12 or jan-dec", "0-7 or sun-sat, 0 and 7 for Sunday"}
)

// Parse reads a daily cadence into its schedule, in UTC. It refuses an
// expression that fires more than once a day, or never.
func Parse(expr string) (*robfig.SpecSchedule, error) {
	if strings.HasPrefix(expr, "TZ=") || strings.HasPrefix(expr, "CRON_TZ=") {
		return nil, fmt.Errorf("%q sets a timezone in the expression: give the timezone in its own attribute, and the 5 fields here", expr)
	}
	parts := strings.Fields(expr)
	if len(parts) != 5 {
		return nil, fmt.Errorf("%q has %d fields; a Unix cron expression has 5: minute hour day-of-month month day-of-week", expr, len(parts))
	}
	parts[4] = sundayAsZero(parts[4])
	// Each field alone, so that the message names the field at fault.
	for i, p := range parts {
		probe := []string{"0", "0", "*", "*", "*"}
		probe[i] = p
		if _, err := parser.Parse(strings.Join(probe, " ")); err != nil {
			why := strings.TrimSuffix(err.Error(), ": "+p)
			if strings.Contains(why, "failed to parse int") {
				why = "not a number or a name"
			}
			return nil, fmt.Errorf("%q: the %s %q is not valid (values %s): %s", expr, fieldNames[i], p, fieldValues[i], why)
		}
	}
	for i := range 2 {
		if _, err := strconv.Atoi(parts[i]); err != nil {
			return nil, fmt.Errorf("%q fires more than once a day: Exa monitors run at most daily, so the %s must be a single number, such as \"0 9 * * *\" for 09:00 every day", expr, fieldNames[i])
		}
	}
	s, err := parser.Parse(strings.Join(parts, " "))
	if err != nil {
		return nil, fmt.Errorf("%q: %w", expr, err)
	}
	spec, ok := s.(*robfig.SpecSchedule)
	if !ok {
		return nil, errors.New("the cron parser gave an unexpected schedule")
	}
	spec.Location = time.UTC
	// robfig looks up to five years ahead: past that, it never fires.
	if spec.Next(time.Now()).IsZero() {
		return nil, fmt.Errorf("%q never fires: no day matches its day of month, month and day of week", expr)
	}
	return spec, nil
}

// sundayAsZero reads 7 as Sunday in the day-of-week field, as Vixie cron
// and Exa's cadence do; robfig takes 0 to 6 only. A lone 7 becomes 0, and
// a range or step that reaches 7 ends at 6 and adds 0.
func sundayAsZero(dow string) string {
	items := strings.Split(dow, ",")
	for i, item := range items {
		base, stepText, hasStep := strings.Cut(item, "/")
		lo, hi, isRange := strings.Cut(base, "-")
		step := 1
		if hasStep {
			n, err := strconv.Atoi(stepText)
			if err != nil || n < 1 {
				continue // robfig says what is wrong
			}
			step = n
		}
		switch {
		case !isRange && lo == "7" && !hasStep:
			items[i] = "0"
		case isRange && hi == "7":
			from, err := strconv.Atoi(lo)
			if err != nil || from > 7 {
				continue
			}
			if from == 7 {
				items[i] = "0"
				continue
			}
			items[i] = fmt.Sprintf("%d-6", from)
			if hasStep {
				items[i] += "/" + stepText
			}
			if (7-from)%step == 0 {
				items[i] += ",0"
			}
		}
	}
	return strings.Join(items, ",")
}

// ValidateDaily checks that expr is a valid 5-field cron expression whose
// schedule fires, and at most once a day.
func ValidateDaily(expr string) error {
	_, err := Parse(expr)
	return err
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

// NextDaily returns the next time after now when the schedule fires, in
// the timezone, as robfig's schedule says: every field counts. It serves
// the mock's nextRunAt.
func NextDaily(expr, timezone string, now time.Time) (time.Time, error) {
	spec, err := Parse(expr)
	if err != nil {
		return time.Time{}, err
	}
	loc, err := time.LoadLocation(timezone)
	if err != nil {
		return time.Time{}, err
	}
	spec.Location = loc
	return spec.Next(now).UTC(), nil
}

// RunsPerMonth is how many times a month the schedule fires on average:
// its runs in the 365 days that follow from, by robfig's schedule, divided
// by 12 and rounded. It serves the cost warning of a monitor, so it errs on
// no side: a schedule that fires on one day a month gives 1, every day
// gives 30. When both day fields are restricted a day matches either; a
// field written with a step (such as */2) is restricted, as robfig reads it.
func RunsPerMonth(expr string, from time.Time) (int, error) {
	spec, err := Parse(expr)
	if err != nil {
		return 0, err
	}
	start := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 0, 365)
	runs := 0
	for t := spec.Next(start.Add(-time.Second)); !t.IsZero() && t.Before(end); t = spec.Next(t) {
		runs++
	}
	return (runs + 6) / 12, nil
}
