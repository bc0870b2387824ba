package platform

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLimits: each of Azure's limits refuses one over and accepts the limit itself.
func TestLimits(t *testing.T) {
	// 400 projects: 800 identities (the limit), but 400 storage accounts (> 250).
	errs := fmt.Sprint(limitErrors(401, 0, 0, ""))
	assert.Contains(t, errs, "401 projects need 802 user-assigned identities in the resource group; Azure allows 800")
	assert.NotContains(t, fmt.Sprint(limitErrors(400, 0, 0, "")), "user-assigned identities")
	assert.Empty(t, limitErrors(250, 0, 4000, "10.0.0.0/24"))
	assert.Contains(t, fmt.Sprint(limitErrors(251, 0, 0, "")), "251 storage accounts")
	assert.Contains(t, fmt.Sprint(limitErrors(1, 0, 4001, "")), "4001 role assignments")
	// A /29 leaves 3 addresses: 3 endpoints fit, 4 do not.
	assert.Empty(t, limitErrors(1, 3, 0, "10.0.0.0/29"))
	assert.Contains(t, fmt.Sprint(limitErrors(1, 4, 0, "10.0.0.0/29")), "has 3 usable addresses")
}
