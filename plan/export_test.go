package plan

import "time"

// AgeCount makes the plan's count of c's record d older (planCount).
func AgeCount(c *Change, d time.Duration) {
	if c.count != nil {
		c.count.at = c.count.at.Add(-d)
	}
}

// CountFresh is countFresh, for the tests.
const CountFresh = countFresh
