package engine

import "github.com/c3kit/c3kit/decode/def"

// LimitsState is COSMOS's limits state of an item.
type LimitsState uint8

// COSMOS's limits states (packet_item_limits.rb); LimitsNone is nil: no
// limits, limits disabled, or not yet persisted.
const (
	LimitsNone LimitsState = iota
	RedLow
	YellowLow
	GreenLow
	Green
	GreenHigh
	YellowHigh
	RedHigh
	Blue
	Yellow // a STATE with colour YELLOW
	Red    // a STATE with colour RED
)

var limitsNames = [...]string{"", "RED_LOW", "YELLOW_LOW", "GREEN_LOW", "GREEN", "GREEN_HIGH", "YELLOW_HIGH", "RED_HIGH", "BLUE", "YELLOW", "RED"}

// String returns COSMOS's name of the state ("" for none).
func (s LimitsState) String() string { return limitsNames[s] }

// limitsCheck is one item's limits for the selected limits set, plus the
// persistence state COSMOS keeps per item.
type limitsCheck struct {
	l def.Limits
}

// classify is COSMOS's check_limits comparison for a converted value.
func (c *limitsCheck) classify(v float64) LimitsState {
	l := &c.l
	switch {
	case v <= l.RedLow:
		return RedLow
	case v >= l.RedHigh:
		return RedHigh
	case v <= l.YellowLow:
		return YellowLow
	case v >= l.YellowHigh:
		return YellowHigh
	case l.HasGreen:
		switch {
		case v > l.GreenLow && v < l.GreenHigh:
			return Blue
		case v <= l.GreenLow:
			return GreenLow
		default:
			return GreenHigh
		}
	}
	return Green
}

// limitsTracker is one item's persistence state within a stream: COSMOS
// changes an item's limits state only after Persistence consecutive
// samples in the new state.
type limitsTracker struct {
	state LimitsState
	count int
}

// update applies a new sample and returns the item's limits state.
func (t *limitsTracker) update(sample LimitsState, persistence int) LimitsState {
	if sample == t.state {
		t.count = 0
		return t.state
	}
	t.count++
	if t.count >= persistence {
		t.state = sample
		t.count = 0
	}
	return t.state
}

// stateColor maps a STATE colour to a limits state.
func stateColor(color string) LimitsState {
	switch color {
	case "GREEN":
		return Green
	case "YELLOW":
		return Yellow
	case "RED":
		return Red
	}
	return LimitsNone
}
