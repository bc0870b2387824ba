package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

const goodBase = `config:
  azure-mlops:location: westeurope
  azure-mlops:network:
    addressSpace: 10.60.0.0/22
    privateEndpointSubnetPrefix: 10.60.0.0/24
  azure-mlops:projects:
    - name: fraud
      computeClusters:
        - name: cpu
          maxNodes: 4
    - name: churn
      computeClusters:
        - name: cpu
          maxNodes: 2
`

// TestBadConfigIsReportedOnceAtTheUserKey: each mistake gives exactly one error line, at the
// key the user wrote, under a heading whose count matches; nothing is planned (exit 2).
func TestBadConfigIsReportedOnceAtTheUserKey(t *testing.T) {
	for _, c := range []struct {
		name, extra string
		edit        func(string) string
		want        []string
	}{
		// item 21: a stack-level setting every project inherits, once, at the stack-level key.
		{name: "stack isolation mode", extra: "  azure-mlops:isolationMode: Open\n",
			want: []string{`isolationMode: unknown value "Open" (allowed: Disabled, AllowInternetOutbound, AllowOnlyApprovedOutbound)`}},
		{name: "environment", extra: "  azure-mlops:environment: Dev_1\n",
			want: []string{`environment: "Dev_1" must start with a lowercase letter and contain only lowercase letters and digits`}},
		{name: "existing subnet", edit: func(s string) string {
			return strings.Replace(s, "    addressSpace: 10.60.0.0/22\n    privateEndpointSubnetPrefix: 10.60.0.0/24\n",
				"    existingPrivateEndpointSubnetId: /subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v\n", 1)
		}, want: []string{`network.existingPrivateEndpointSubnetId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v" is not a subnet id`}},
		{name: "project name too long for storage", edit: func(s string) string { return strings.Replace(s, "name: churn", "name: churnpredictionx", 1) },
			want: []string{`projects[1].name: the storage account name "stchurnpredictionxdev`, `so shorten projects[1].name`}},
		// item 16: case-insensitive collisions.
		{name: "clusters cpu and CPU", edit: func(s string) string {
			return strings.Replace(s, "          maxNodes: 4\n", "          maxNodes: 4\n        - name: CPU\n          maxNodes: 4\n", 1)
		}, want: []string{`projects[0].computeClusters[1].name: "CPU" is already used by computeClusters[0] (names are case-insensitive)`}},
		// A compute instance named like another project's compute (the region's computes).
		{name: "instance named like another project's compute", edit: func(s string) string {
			return strings.Replace(s, "          maxNodes: 2\n", "          maxNodes: 2\n      access:\n        dataScientists: [3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98]\n"+
				"      computeInstances:\n        - name: CPU\n          userObjectId: 0a6f3e2d-9c1b-4b7a-8d5e-6f4c3b2a1e90\n", 1)
		}, want: []string{`projects[1].computeInstances[0].name: "CPU" is already the name of a compute cluster (names are case-insensitive)`}},
		{name: "instance named like another project's instance", edit: func(s string) string {
			ci := "      access:\n        dataScientists: [3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98]\n      computeInstances:\n        - name: %s\n          userObjectId: 0a6f3e2d-9c1b-4b7a-8d5e-6f4c3b2a1e90\n"
			s = strings.Replace(s, "          maxNodes: 4\n", "          maxNodes: 4\n"+fmt.Sprintf(ci, "shared-ci"), 1)
			return strings.Replace(s, "          maxNodes: 2\n", "          maxNodes: 2\n"+fmt.Sprintf(ci, "Shared-CI"), 1)
		}, want: []string{`projects[1].computeInstances[0].name: "Shared-CI" is also projects[0].computeInstances[0] (fraud); Azure wants a compute instance's name unique among the computes of the region (how-to-create-compute-instance), so include the project, e.g. "churn-shared-ci"`}},
		{name: "tags owner and Owner", extra: "  azure-mlops:tags: {owner: a, Owner: b}\n",
			want: []string{`tags: tag names ["Owner" "owner"] are one tag in Azure (tag names are case-insensitive); keep one`}},
		// item 17: regions.
		{name: "misspelled region", edit: func(s string) string { return strings.Replace(s, "westeurope", "westeruope", 1) },
			want: []string{`location: "westeruope" is not an Azure region of AzureCloud`, "did you mean westeurope?"}},
		{name: "another cloud's region", edit: func(s string) string { return strings.Replace(s, "westeurope", "europe-west1", 1) },
			want: []string{`location: "europe-west1" is not an Azure region of AzureCloud`}},
		// item 18: an unknown namespace.
		{name: "misspelled namespace", extra: "  azure-mlop:policy:\n    allowedVmSizes: [Standard_DS3_v2]\n",
			want: []string{`azure-mlop:policy: unknown configuration namespace "azure-mlop"`, "did you mean azure-mlops:policy?"}},
		// item 19.
		{name: "subnet names as allowedSubnetIds", extra: "  azure-mlops:policy:\n    allowedSubnetIds: [snet-ml]\n",
			want: []string{`policy.allowedSubnetIds[0]: "snet-ml" is not a subnet id`}},
		{name: "resource group id", extra: "  azure-mlops:resourceGroupName: /subscriptions/x/resourceGroups/rg\n",
			want: []string{`resourceGroupName: "/subscriptions/x/resourceGroups/rg" looks like a resource id`}},
		{name: "negative idle minutes", extra: "  azure-mlops:policy:\n    maxNodeIdleMinutes: -5\n",
			want: []string{`policy.maxNodeIdleMinutes: must be 1-10080 (it is -5)`}},
		// issue 15 item 4: the shared Azure ML registry.
		{name: "registry id not an id", extra: "  azure-mlops:mlRegistry:\n    existingRegistryId: mlr-mlops\n",
			want: []string{`mlRegistry.existingRegistryId: "mlr-mlops" is not an Azure resource id`}},
		{name: "registry id of a workspace", extra: "  azure-mlops:mlRegistry:\n    existingRegistryId: /subscriptions/x/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw\n",
			want: []string{"mlRegistry.existingRegistryId:", "Microsoft.MachineLearningServices/registries"}},
		{name: "registry access unknown", extra: "  azure-mlops:mlRegistry:\n    access: Write\n",
			want: []string{`mlRegistry.access: unknown value "Write" (allowed: Publish, Consume)`}},
		{name: "registry replicated to its own region", extra: "  azure-mlops:mlRegistry:\n    replicationLocations: [westeurope]\n",
			want: []string{`mlRegistry.replicationLocations[0]: "westeurope" is listed twice (or is the primary location)`}},
		{name: "registry owner settings on a reference", extra: "  azure-mlops:mlRegistry:\n    existingRegistryId: /subscriptions/x/resourceGroups/rg/providers/Microsoft.MachineLearningServices/registries/mlr\n    storageAccountType: Standard_ZRS\n",
			want: []string{"mlRegistry.existingRegistryId: name, replicationLocations and storageAccountType belong to the registry's owner"}},
		// issue 16: operations (budgets, alerts).
		{name: "budget starting mid-month", extra: "  azure-mlops:operations:\n    alertEmails: [ml@contoso.com]\n    monthlyBudget: 1000\n    budgetStartDate: \"2026-12-15\"\n",
			want: []string{`operations.budgetStartDate: "2026-12-15" must be the first of a month, YYYY-MM-01`}},
		{name: "budget threshold above 1000", extra: "  azure-mlops:operations:\n    alertEmails: [ml@contoso.com]\n    monthlyBudget: 1000\n    budgetStartDate: \"2026-12-01\"\n    budgetThresholds: [{percent: 1500, type: Actual}]\n",
			want: []string{`operations.budgetThresholds[0].percent: 1500 is outside 1-1000`}},
		{name: "negative budget", extra: "  azure-mlops:operations:\n    alertEmails: [ml@contoso.com]\n    monthlyBudget: -5\n    budgetStartDate: \"2026-12-01\"\n",
			want: []string{`operations.monthlyBudget: must be > 0`}},
		{name: "threshold type", extra: "  azure-mlops:operations:\n    alertEmails: [ml@contoso.com]\n    monthlyBudget: 1000\n    budgetStartDate: \"2026-12-01\"\n    budgetThresholds: [{percent: 90, type: Projected}]\n",
			want: []string{`operations.budgetThresholds[0].type: unknown value "Projected"`}},
		// item 22: Azure limits.
		{name: "endpoints exceed the subnet", edit: func(s string) string {
			return strings.Replace(s, "privateEndpointSubnetPrefix: 10.60.0.0/24", "privateEndpointSubnetPrefix: 10.60.0.0/29", 1)
		}, want: []string{"network.privateEndpointSubnetPrefix: 10.60.0.0/29 has 3 usable addresses (Azure reserves 5 per subnet), but the environment's 11 private endpoints need one each"}},
		// issue 15: team access, datastores, compute instances, at their key paths.
		{name: "group id not a GUID", edit: peopleEdit("      access:\n        readers: [ml-readers]\n"),
			want: []string{`projects[0].access.readers[0]: "ml-readers" is not an Entra group object id (a GUID)`}},
		{name: "user as group", edit: peopleEdit("      access:\n        dataScientists: [alice@contoso.com]\n"),
			want: []string{`projects[0].access.dataScientists[0]: "alice@contoso.com" is a user name; access is granted to Entra groups only (principal type Group)`}},
		{name: "user id as group", edit: peopleEdit("      access:\n        dataScientists: [" + testUser + "]\n" +
			"      computeInstances:\n        - name: fraud-alice\n          userObjectId: " + testUser + "\n"),
			want: []string{`projects[0].access.dataScientists[0]: ` + testUser + ` is a user's object id (computeInstances[0].userObjectId)`}},
		{name: "duplicate datastore", edit: peopleEdit("      datastores:\n" + testDatastore("raw") + testDatastore("raw")),
			want: []string{`projects[0].datastores[1].name: "raw" is already used by datastores[0]`}},
		{name: "malformed datastore account", edit: peopleEdit("      datastores:\n        - name: raw\n          storageAccountId: stdlzdevraw\n          container: raw\n"),
			want: []string{`projects[0].datastores[0].storageAccountId: "stdlzdevraw" is not a storage account id`}},
		{name: "compute instance user not a GUID", edit: peopleEdit("      access:\n        dataScientists: [" + testGroup + "]\n" +
			"      computeInstances:\n        - name: fraud-alice\n          userObjectId: alice\n"),
			want: []string{`projects[0].computeInstances[0].userObjectId: "alice" is not an Entra user object id (a GUID)`}},
		{name: "compute instance idle limit", extra: "  azure-mlops:policy:\n    maxComputeInstanceIdleMinutes: 5000\n",
			want: []string{`policy.maxComputeInstanceIdleMinutes: must be 15-4320 (it is 5000)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			body := goodBase + c.extra
			if c.edit != nil {
				body = c.edit(body)
			}
			out, errOut, code := runCLI("plan", "--stack", "dev", "--dir", writeProject(t, "dev", body))
			assert.Equal(t, 2, code, errOut)
			assert.Empty(t, out)
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			// "plan of stack ... failed:" and exactly one error line: one mistake, one error.
			if assert.Len(t, lines, 2, errOut) {
				for _, w := range c.want {
					assert.Contains(t, lines[1], w)
				}
			}
			for _, leak := range []string{"sharedServices.", "mlopsWorkspace.", "governance.", "privateNetwork.", ".project:", "error occurred"} {
				assert.NotContains(t, errOut, leak)
			}
		})
	}
}

// TestSeveralMistakesAreCounted: the heading counts the error lines.
func TestSeveralMistakesAreCounted(t *testing.T) {
	body := goodBase + "  azure-mlops:isolationMode: Open\n  azure-mlops:tags: {owner: a, Owner: b}\n"
	_, errOut, code := runCLI("plan", "--stack", "dev", "--dir", writeProject(t, "dev", body))
	assert.Equal(t, 2, code)
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	assert.Equal(t, "2 configuration errors:", lines[1])
	assert.Len(t, lines, 4)
}

// TestTooManyProjectsForAzureLimits: more projects than storage accounts a region allows, or
// role assignments a subscription allows, are refused up front.
func TestTooManyProjectsForAzureLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("config:\n  azure-mlops:location: westeurope\n  azure-mlops:network:\n    addressSpace: 10.0.0.0/16\n    privateEndpointSubnetPrefix: 10.0.0.0/18\n  azure-mlops:projects:\n")
	for i := 0; i < 251; i++ {
		fmt.Fprintf(&b, "    - name: p%d\n      computeClusters:\n        - name: cpu\n          maxNodes: 1\n", i)
	}
	_, errOut, code := runCLI("plan", "--stack", "dev", "--dir", writeProject(t, "dev", b.String()))
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "projects: 251 projects need 251 storage accounts in one region; Azure allows 250 per region per subscription")
	assert.NotContains(t, errOut, "private endpoints in its resource group", "private endpoints are exempt from the 800 per resource group")
	assert.Contains(t, errOut, "projects: the environment makes 4519 role assignments; Azure allows 4000 per subscription")
}

const (
	testGroup = "3f2a8c1e-5b7d-4e90-a1c4-7d2e9b6f0a13"
	testUser  = "0a6f3e2d-9c1b-4b7a-8d5e-6f4c3b2a1e90"
)

// peopleEdit adds keys to the first project (fraud) of goodBase.
func peopleEdit(keys string) func(string) string {
	return func(s string) string { return strings.Replace(s, "    - name: fraud\n", "    - name: fraud\n"+keys, 1) }
}

func testDatastore(name string) string {
	return "        - name: " + name + "\n          storageAccountId: /subscriptions/5d3b2a1c-7e6f-4a90-b8c7-2f1e0d9c8b7a/resourceGroups/rg-dlz/providers/" +
		"Microsoft.Storage/storageAccounts/stdlzdevraw\n          container: raw\n"
}

// A compute instance in prod is refused (exit 2, at its key) unless the stack allows them; the
// own workspace storage as a datastore is refused at its key.
func TestProdRefusesComputeInstancesAndOwnStorage(t *testing.T) {
	ci := "      access:\n        mlEngineers: [" + testGroup + "]\n      computeInstances:\n        - name: fraud-alice\n          userObjectId: " + testUser + "\n"
	body := peopleEdit(ci)(goodBase)
	out, errOut, code := runCLI("plan", "--stack", "prod", "--dir", writeProject(t, "prod", body))
	assert.Equal(t, 2, code, errOut)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "projects[0].computeInstances: the prod environment refuses compute instances")
	assert.Contains(t, errOut, "set allowComputeInstances: true to allow them here")

	allowed := body + "  azure-mlops:allowComputeInstances: true\n"
	_, errOut, code = runCLI("plan", "--stack", "prod", "--dir", writeProject(t, "prod", allowed))
	assert.Equal(t, 0, code, errOut)

	// The workspace's own storage (its name is derived; take it from dev's plan).
	dir := writeProject(t, "dev", goodBase)
	doc, err := Plan(dir, "dev")
	if !assert.NoError(t, err) {
		return
	}
	var own string
	for _, r := range doc.Resources {
		if r.Name == "fraud-st" {
			own = r.ID
		}
	}
	ds := "      datastores:\n        - name: raw\n          storageAccountId: " + own + "\n          container: raw\n"
	_, errOut, code = runCLI("plan", "--stack", "dev", "--dir", writeProject(t, "dev", peopleEdit(ds)(goodBase)))
	assert.Equal(t, 2, code, errOut)
	assert.Contains(t, errOut, "projects[0].datastores[0].storageAccountId: "+own[strings.LastIndex(own, "/")+1:]+" is the workspace's own storage")
}
