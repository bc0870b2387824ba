package plan

import (
	"sort"
)

// CreateMinutes is the documented table of typical Azure create times (minutes) per resource
// type, from public guidance and experience with these resource types in Western Europe:
// they are planning figures, not measurements of any deployment. Types not listed count
// DefaultCreateMinutes.
var CreateMinutes = map[string]float64{
	"azure-native:resources:ResourceGroup":                            0.1,
	"azure-native:operationalinsights:Workspace":                      1.0,
	"azure-native:insights:Component":                                 0.5,
	"azure-native:insights:DiagnosticSetting":                         0.3,
	"azure-native:keyvault:Vault":                                     1.5,
	"azure-native:storage:StorageAccount":                             0.7,
	"azure-native:containerregistry:Registry":                         1.0,
	"azure-native:managedidentity:UserAssignedIdentity":               0.2,
	"azure-native:authorization:RoleAssignment":                       0.3,
	"azure-native:machinelearningservices:Workspace":                  3.0,
	"azure-native:machinelearningservices:Compute":                    3.0,
	"azure-native:machinelearningservices:ManagedNetworkSettingsRule": 1.5,
	"azure-native:network:VirtualNetwork":                             0.3,
	"azure-native:network:Subnet":                                     0.3,
	"azure-native:network:NetworkSecurityGroup":                       0.3,
	"azure-native:network:PrivateEndpoint":                            1.5,
	"azure-native:network:PrivateDnsZoneGroup":                        0.5,
	"azure-native:network:PrivateZone":                                1.0,
	"azure-native:network:VirtualNetworkLink":                         0.7,
	"azure-native:authorization:PolicyAssignment":                     0.3,
	"azure-native:authorization:PolicyDefinition":                     0.2,
}

// DefaultCreateMinutes applies to types missing from CreateMinutes.
const DefaultCreateMinutes = 0.5

// CriticalPath is the chain of dependent Azure resources that takes longest to create.
type CriticalPath struct {
	// Hops is the number of resources on the chain.
	Hops int `json:"hops"`
	// Minutes is the estimated create time of the chain (CreateMinutes).
	Minutes float64 `json:"minutes"`
	// Resources on the chain, first created first.
	Resources []string `json:"resources"`
	// LongestChainHops is the most resources on any chain (which may be a shorter one in time).
	LongestChainHops int `json:"longestChainHops"`
}

// ComputeCriticalPath finds the critical path over custom resources. A dependency on a
// component stands for a dependency on every Azure resource inside it.
func ComputeCriticalPath(rs []DocResource) CriticalPath {
	byURN := map[string]DocResource{}
	children := map[string][]string{}
	for _, r := range rs {
		byURN[r.URN] = r
		if r.Parent != "" {
			children[r.Parent] = append(children[r.Parent], r.URN)
		}
	}
	var customsUnder func(u string) []string
	customsUnder = func(u string) []string {
		r := byURN[u]
		if r.Custom {
			return []string{u}
		}
		var out []string
		for _, c := range children[u] {
			out = append(out, customsUnder(c)...)
		}
		return out
	}
	type best struct {
		minutes float64
		hops    int
		maxHops int
		prev    string
	}
	memo := map[string]*best{}
	var visit func(u string) *best
	visit = func(u string) *best {
		if b, ok := memo[u]; ok {
			return b
		}
		memo[u] = &best{} // cycle guard (the engine rejects cycles; stay safe)
		r := byURN[u]
		b := &best{}
		deps := map[string]bool{}
		for _, d := range r.Dependencies {
			for _, c := range customsUnder(d) {
				if c != u {
					deps[c] = true
				}
			}
		}
		keys := make([]string, 0, len(deps))
		for d := range deps {
			keys = append(keys, d)
		}
		sort.Strings(keys)
		for _, d := range keys {
			db := visit(d)
			if db.minutes > b.minutes || (db.minutes == b.minutes && db.hops > b.hops) {
				b.minutes, b.hops, b.prev = db.minutes, db.hops, d
			}
			if db.maxHops > b.maxHops {
				b.maxHops = db.maxHops
			}
		}
		b.minutes += minutesOf(r.Type)
		b.hops++
		b.maxHops++
		memo[u] = b
		return b
	}
	var cp CriticalPath
	var end string
	var endBest *best
	for _, r := range rs { // rs is in a deterministic order
		if !r.Custom {
			continue
		}
		b := visit(r.URN)
		if endBest == nil || b.minutes > endBest.minutes || (b.minutes == endBest.minutes && b.hops > endBest.hops) {
			end, endBest = r.URN, b
		}
		if b.maxHops > cp.LongestChainHops {
			cp.LongestChainHops = b.maxHops
		}
	}
	if endBest == nil {
		cp.Resources = []string{}
		return cp
	}
	for u := end; u != ""; u = memo[u].prev {
		cp.Resources = append([]string{u}, cp.Resources...)
	}
	cp.Hops = len(cp.Resources)
	cp.Minutes = round1(endBest.minutes)
	return cp
}

func minutesOf(token string) float64 {
	if m, ok := CreateMinutes[Unversioned(token)]; ok {
		return m
	}
	return DefaultCreateMinutes
}

func round1(f float64) float64 {
	return float64(int(f*10+0.5)) / 10
}
