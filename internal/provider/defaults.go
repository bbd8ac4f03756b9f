package provider

// The defaults of the provider's attributes, each named once: the schema's
// Default and the flatten of an answer that leaves the field out share the
// constant, so the two cannot drift apart.
const (
	// defaultSearchBehavior is a search's behavior when none is given: the
	// spec's default, "override".
	defaultSearchBehavior = behaviorOverride
	// defaultMonitorTimezone is a monitor cadence's timezone when none is
	// given: UTC, as the spec's default.
	defaultMonitorTimezone = "Etc/UTC"
	// defaultMonitorBehaviorType is a monitor behavior's type: "search", the
	// only one the spec has.
	defaultMonitorBehaviorType = "search"
	// defaultMonitorSearchBehavior is how a monitor's runs join the webset
	// when not said: the spec's default for a monitor, "append".
	defaultMonitorSearchBehavior = behaviorAppend
)

// The two behaviors of a search (the spec's WebsetSearchBehavior).
const (
	behaviorOverride = "override"
	behaviorAppend   = "append"
)
