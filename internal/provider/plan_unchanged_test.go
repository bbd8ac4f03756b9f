package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestPriorStateStands(t *testing.T) {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	crit := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"description": tftypes.String, "success_rate": tftypes.Number}}
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"query": tftypes.String, "status": tftypes.String, "behavior": tftypes.String,
		"criteria": tftypes.List{ElementType: crit},
		"metadata": tftypes.Map{ElementType: tftypes.String},
	}}
	criteria := func(rates ...tftypes.Value) tftypes.Value {
		var els []tftypes.Value
		for i, r := range rates {
			els = append(els, tftypes.NewValue(crit, map[string]tftypes.Value{"description": str(string(rune('a' + i))), "success_rate": r}))
		}
		return tftypes.NewValue(tftypes.List{ElementType: crit}, els)
	}
	null := func(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, nil) }
	unknown := func(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, tftypes.UnknownValue) }
	meta := func(kv ...string) tftypes.Value {
		m := map[string]tftypes.Value{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = str(kv[i+1])
		}
		return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, m)
	}
	obj := func(query, status, behavior, crits, metadata tftypes.Value) tftypes.Value {
		return tftypes.NewValue(typ, map[string]tftypes.Value{"query": query, "status": status, "behavior": behavior, "criteria": crits, "metadata": metadata})
	}
	state := obj(str("q"), str("running"), str("override"), criteria(num(90), num(80)), meta("team", "growth"))
	config := obj(str("q"), null(tftypes.String), null(tftypes.String), criteria(null(tftypes.Number), null(tftypes.Number)), meta("team", "growth"))
	// What the framework plans: computed values unknown, the default set.
	plan := obj(str("q"), unknown(tftypes.String), str("override"), criteria(unknown(tftypes.Number), unknown(tftypes.Number)), meta("team", "growth"))

	for name, tc := range map[string]struct {
		config, plan tftypes.Value
		want         bool
	}{
		"nothing changes": {config, plan, true},
		"query changed": {obj(str("q2"), null(tftypes.String), null(tftypes.String), criteria(null(tftypes.Number), null(tftypes.Number)), meta("team", "growth")),
			plan, false},
		"a criterion more": {obj(str("q"), null(tftypes.String), null(tftypes.String), criteria(null(tftypes.Number), null(tftypes.Number), null(tftypes.Number)), meta("team", "growth")),
			plan, false},
		"a criterion fewer": {obj(str("q"), null(tftypes.String), null(tftypes.String), criteria(null(tftypes.Number)), meta("team", "growth")),
			plan, false},
		"criteria left to Exa": {obj(str("q"), null(tftypes.String), null(tftypes.String), null(tftypes.List{ElementType: crit}), meta("team", "growth")),
			obj(str("q"), unknown(tftypes.String), str("override"), unknown(tftypes.List{ElementType: crit}), meta("team", "growth")), true},
		"a metadata key removed": {obj(str("q"), null(tftypes.String), null(tftypes.String), criteria(null(tftypes.Number), null(tftypes.Number)), meta()),
			plan, false},
		"a metadata key added": {obj(str("q"), null(tftypes.String), null(tftypes.String), criteria(null(tftypes.Number), null(tftypes.Number)), meta("team", "growth", "x", "y")),
			plan, false},
		"metadata removed": {obj(str("q"), null(tftypes.String), null(tftypes.String), criteria(null(tftypes.Number), null(tftypes.Number)), null(tftypes.Map{ElementType: tftypes.String})),
			obj(str("q"), unknown(tftypes.String), str("override"), criteria(unknown(tftypes.Number), unknown(tftypes.Number)), null(tftypes.Map{ElementType: tftypes.String})), false},
		"a default that differs from state": {config,
			obj(str("q"), unknown(tftypes.String), str("append"), criteria(unknown(tftypes.Number), unknown(tftypes.Number)), meta("team", "growth")), false},
		"an unknown in the configuration": {obj(unknown(tftypes.String), null(tftypes.String), null(tftypes.String), criteria(null(tftypes.Number), null(tftypes.Number)), meta("team", "growth")),
			plan, false},
		"a computed value configured as it is": {obj(str("q"), str("running"), null(tftypes.String), criteria(null(tftypes.Number), null(tftypes.Number)), meta("team", "growth")),
			plan, true},
		"a computed value configured otherwise": {obj(str("q"), str("completed"), null(tftypes.String), criteria(null(tftypes.Number), null(tftypes.Number)), meta("team", "growth")),
			plan, false},
	} {
		if got := priorStateStands(tc.config, tc.plan, state); got != tc.want {
			t.Errorf("%s: got %v, want %v", name, got, tc.want)
		}
	}
	if priorStateStands(config, plan, null(typ)) || priorStateStands(config, null(typ), state) {
		t.Error("create and destroy are never the prior state")
	}
}
