package components

import (
	"os"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

const (
	dsGroup   = "3f2a8c1e-5b7d-4e90-a1c4-7d2e9b6f0a13"
	mleGroup  = "8b41d0f7-2c9e-4a6b-b3d8-15e7c4a92f60"
	readGroup = "c7e95a24-6f1b-4d3c-8e02-9a4b7d1f3e58"
	alice     = "0a6f3e2d-9c1b-4b7a-8d5e-6f4c3b2a1e90"
	tenant    = "72f988bf-86f1-41af-91ab-2d7cd011db47"
	dlzSub    = "5d3b2a1c-7e6f-4a90-b8c7-2f1e0d9c8b7a"
)

var (
	lakeID = "/subscriptions/" + dlzSub + "/resourceGroups/rg-dlz-dev-data/providers/Microsoft.Storage/storageAccounts/stdlzdevcurated"
	blobID = "/subscriptions/" + dlzSub + "/resourceGroups/rg-dlz-dev-data/providers/Microsoft.Storage/storageAccounts/stdlzdevworkspace"
)

func peopleArgs() *MLOpsWorkspaceArgs {
	a := workspaceArgs()
	a.TenantId = pulumi.String(tenant)
	a.Access = &TeamAccessArgs{DataScientists: []string{dsGroup}, MlEngineers: []string{mleGroup}, Readers: []string{readGroup}}
	a.Datastores = []DatastoreArgs{
		{Name: "transactions", StorageAccountId: lakeID, Container: "transactions", Kind: "AzureDataLakeGen2", Description: "curated"},
		{Name: "scores", StorageAccountId: blobID, Container: "fraud-scores", Write: true},
	}
	a.ComputeInstances = []ComputeInstanceArgs{{Name: "fraud-alice", UserObjectId: alice, SetupScript: "Users/shared/setup-ci.sh"}}
	return a
}

// msBuiltInRoles is Microsoft's name → role definition GUID for every role a persona, datastore
// or registry grant uses, copied by hand from the built-in roles reference (not from pkg/rbac,
// so a wrong GUID there fails here): learn.microsoft.com/azure/role-based-access-control/built-in-roles
// (rows "AI + machine learning", "General", "Storage"; also in testdata/builtin-roles.txt).
var msBuiltInRoles = map[string]string{
	"AzureML Data Scientist":                          "f6c7c914-8db3-469d-8ca1-694a8f32e121",
	"AzureML Compute Operator":                        "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
	"AzureML Registry User":                           "1823dd4f-9b8c-4ab6-ab4e-7397a3684615",
	"Azure AI Enterprise Network Connection Approver": "b556d68e-0be0-4f35-a333-ad7ee1ce17ea",
	"Reader":                                   "acdd72a7-3385-48ef-bd42-f606fba81ae7",
	"Storage Blob Data Contributor":            "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
	"Storage Blob Data Reader":                 "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
	"Storage File Data Privileged Contributor": "69566ab7-960f-475b-8e7c-b3118f30c6bd",
	"Storage File Data Privileged Reader":      "b8eda974-7b85-4f76-af95-65846b26df6d",
}

// msRoleDefinitionID is the ARM id of Microsoft's built-in role name in the subscription of
// scope, built from the literal table (an unknown name fails the test).
func msRoleDefinitionID(t *testing.T, name, scope string) string {
	t.Helper()
	id, ok := msBuiltInRoles[name]
	require.True(t, ok, "no literal GUID for %q", name)
	return "/subscriptions/" + strings.Split(scope, "/")[2] + "/providers/Microsoft.Authorization/roleDefinitions/" + id
}

// The two hand copies of Microsoft's table agree.
func TestPeopleRoleTableIsMicrosofts(t *testing.T) {
	b, err := os.ReadFile("testdata/builtin-roles.txt")
	require.NoError(t, err)
	for name, id := range msBuiltInRoles {
		assert.Contains(t, string(b), "\n"+name+" | "+id+"\n", name)
	}
}

type grant struct{ role, scope string }

// grantsTo returns each role assignment to principal as (role name, scope), the name read back
// from the literal table by the definition id's subscription and GUID: a GUID that is not
// Microsoft's, or a definition in another subscription than the scope's, names no role.
func grantsTo(rs []plan.Resource, principal string) ([]grant, []plan.Resource) {
	var out []grant
	var ras []plan.Resource
	for _, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		if ra.Input("principalId") == principal {
			def, scope := ra.Input("roleDefinitionId").(string), ra.Input("scope").(string)
			role := "unknown role definition " + def
			for name, id := range msBuiltInRoles {
				if def == "/subscriptions/"+strings.Split(scope, "/")[2]+"/providers/Microsoft.Authorization/roleDefinitions/"+id {
					role = name
				}
			}
			out = append(out, grant{role, scope})
			ras = append(ras, ra)
		}
	}
	return out, ras
}

// Every persona's roles, by role definition GUID and scope, to its group, as principal type
// Group with deterministic names.
func TestTeamAccessPersonaRoles(t *testing.T) {
	rs, out := runWorkspace(t, peopleArgs())
	st := must(t, rs, "azure-native:storage:StorageAccount", "fraud-st")
	ws := out.workspaceID
	lake := lakeID + "/blobServices/default/containers/transactions"
	scores := blobID + "/blobServices/default/containers/fraud-scores"

	ds, dsRAs := grantsTo(rs, dsGroup)
	assert.ElementsMatch(t, []grant{
		{"AzureML Data Scientist", ws},
		{"Storage Blob Data Contributor", st.ID}, {"Storage File Data Privileged Contributor", st.ID},
		{"Storage Blob Data Reader", lake}, {"Storage Blob Data Reader", scores},
	}, ds)
	mle, _ := grantsTo(rs, mleGroup)
	assert.ElementsMatch(t, []grant{
		{"AzureML Data Scientist", ws}, {"AzureML Compute Operator", ws},
		{"Storage Blob Data Contributor", st.ID}, {"Storage File Data Privileged Contributor", st.ID},
		{"Storage Blob Data Reader", lake}, {"Storage Blob Data Reader", scores},
	}, mle)
	rd, _ := grantsTo(rs, readGroup)
	assert.ElementsMatch(t, []grant{
		{"Reader", ws}, {"Storage Blob Data Reader", st.ID}, {"Storage File Data Privileged Reader", st.ID},
	}, rd, "readers read the workspace and its storage, no datastore")

	// The role names above were read back from Microsoft's GUIDs (msBuiltInRoles) in the
	// subscription of each scope: the deployment's, or the data landing zone's for its containers.
	for _, ra := range dsRAs {
		assert.Equal(t, "Group", ra.Input("principalType"), ra.Name)
		name := ra.Input("roleAssignmentName").(string)
		assert.NoError(t, naming.CheckType("Microsoft.Authorization/roleAssignments", name))
	}
	lakeRA := ""
	for _, ra := range dsRAs {
		if ra.Input("scope") == lake {
			lakeRA = ra.Input("roleDefinitionId").(string)
		}
	}
	assert.Equal(t, "/subscriptions/"+dlzSub+"/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", lakeRA,
		"Storage Blob Data Reader, defined in the landing zone's subscription")

	// Deterministic and unique: the same config gives the same names; no two assignments share one.
	rs2, _ := runWorkspace(t, peopleArgs())
	names := map[string]string{}
	for i, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		n := ra.Input("roleAssignmentName").(string)
		assert.Equal(t, n, plan.Filter(rs2, "azure-native:authorization:RoleAssignment")[i].Input("roleAssignmentName"), ra.Name)
		if prev, dup := names[n]; dup {
			t.Errorf("%s and %s share the assignment name %s", prev, ra.Name, n)
		}
		names[n] = ra.Name
	}
	// Every role granted to a group is one the deployer's condition admits for groups.
	for _, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		if ra.Input("principalType") == "Group" {
			def := ra.Input("roleDefinitionId").(string)
			found := false
			for _, r := range rbac.GroupAssignable {
				found = found || strings.HasSuffix(def, r.ID)
			}
			assert.True(t, found, "%s grants %s to a group", ra.Name, def)
		}
	}
}

// readOnlyData (the prod profile's default): people get the reader roles on the workspace
// storage, never the contributor ones.
func TestTeamAccessReadOnlyData(t *testing.T) {
	a := peopleArgs()
	a.Access.ReadOnlyData = true
	rs, _ := runWorkspace(t, a)
	st := must(t, rs, "azure-native:storage:StorageAccount", "fraud-st")
	for _, g := range []string{dsGroup, mleGroup, readGroup} {
		gs, _ := grantsTo(rs, g)
		assert.Contains(t, gs, grant{"Storage Blob Data Reader", st.ID}, g)
		assert.Contains(t, gs, grant{"Storage File Data Privileged Reader", st.ID}, g)
		for _, x := range gs {
			assert.NotContains(t, x.role, "Contributor", "%s gets %s on %s", g, x.role, x.scope)
		}
	}
}

// A datastore: identity-based (no credentials), on the given account and container, in the
// workspace by name; the managed network's private endpoint rules to its account (dfs and blob
// for Data Lake); the compute identity's read (write on opt-in), the workspace identity's
// reader and approver roles; everything wired by ids, the datastore after its roles and rules.
func TestDatastoresAndTheirDataPath(t *testing.T) {
	rs, _ := runWorkspace(t, peopleArgs())
	ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
	id := must(t, rs, azureml.UserAssignedIdentityToken, "fraud-id")
	cid := must(t, rs, azureml.UserAssignedIdentityToken, "fraud-compute-id")
	lake := must(t, rs, azureml.DatastoreToken, "fraud-ds-transactions")
	scores := must(t, rs, azureml.DatastoreToken, "fraud-ds-scores")

	assert.Equal(t, "transactions", lake.Input("name"))
	assert.Equal(t, ws.Input("workspaceName"), lake.Input("workspaceName"))
	for _, c := range []struct {
		path string
		want any
	}{
		{"datastoreProperties.datastoreType", "AzureDataLakeGen2"},
		{"datastoreProperties.accountName", "stdlzdevcurated"},
		{"datastoreProperties.filesystem", "transactions"},
		{"datastoreProperties.credentials.credentialsType", "None"},
		{"datastoreProperties.serviceDataAccessAuthIdentity", "WorkspaceUserAssignedIdentity"},
		{"datastoreProperties.subscriptionId", dlzSub},
		{"datastoreProperties.resourceGroup", "rg-dlz-dev-data"},
		{"datastoreProperties.endpoint", "core.windows.net"},
		{"datastoreProperties.protocol", "https"},
		{"datastoreProperties.description", "curated"},
	} {
		assert.Equal(t, c.want, lake.Input(c.path), c.path)
	}
	assert.Equal(t, "AzureBlob", scores.Input("datastoreProperties.datastoreType"))
	assert.Equal(t, "fraud-scores", scores.Input("datastoreProperties.containerName"))
	assert.Equal(t, "stdlzdevworkspace", scores.Input("datastoreProperties.accountName"))
	assert.Equal(t, "/subscriptions/"+testSub+"/resourceGroups/"+testRG+"/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-dev/datastores/transactions", lake.ID)

	// The managed private endpoints: Data Lake needs dfs and blob, a blob container blob.
	rules := map[string]plan.Resource{}
	for _, r := range plan.Filter(rs, azureml.ManagedNetworkSettingsRuleToken) {
		if strings.HasPrefix(r.Input("ruleName").(string), "ds-") {
			rules[r.Input("ruleName").(string)] = r
		}
	}
	require.Len(t, rules, 3)
	for name, want := range map[string][2]string{
		"ds-stdlzdevcurated-dfs":    {lakeID, "dfs"},
		"ds-stdlzdevcurated-blob":   {lakeID, "blob"},
		"ds-stdlzdevworkspace-blob": {blobID, "blob"},
	} {
		r := rules[name]
		require.NotEmpty(t, r.URN, name)
		assert.Equal(t, "PrivateEndpoint", r.Input("properties.type"))
		assert.Equal(t, want[0], r.Input("properties.destination.serviceResourceId"), name)
		assert.Equal(t, want[1], r.Input("properties.destination.subresourceTarget"), name)
		assert.Equal(t, ws.Input("workspaceName"), r.Input("workspaceName"))
	}

	lakeC := lakeID + "/blobServices/default/containers/transactions"
	scoresC := blobID + "/blobServices/default/containers/fraud-scores"
	computeGrants, computeRAs := grantsTo(rs, cid.Outputs["principalId"].StringValue())
	assert.Contains(t, computeGrants, grant{"Storage Blob Data Reader", lakeC}, "read-only by default")
	assert.Contains(t, computeGrants, grant{"Storage Blob Data Contributor", scoresC}, "write on opt-in")
	assert.NotContains(t, computeGrants, grant{"Storage Blob Data Contributor", lakeC})
	wsGrants, wsRAs := grantsTo(rs, id.Outputs["principalId"].StringValue())
	assert.Contains(t, wsGrants, grant{"Azure AI Enterprise Network Connection Approver", lakeID})
	assert.Contains(t, wsGrants, grant{"Azure AI Enterprise Network Connection Approver", blobID})
	assert.Contains(t, wsGrants, grant{"Storage Blob Data Reader", lakeC})
	assert.Contains(t, wsGrants, grant{"Storage Blob Data Reader", scoresC})

	// Order: rules after the approver role, the datastores after the rules and the compute's roles.
	var approvers []string
	for _, ra := range wsRAs {
		if ra.Input("roleDefinitionId") == msRoleDefinitionID(t, "Azure AI Enterprise Network Connection Approver", lakeID) &&
			strings.Contains(ra.Input("scope").(string), dlzSub) {
			approvers = append(approvers, ra.URN)
		}
	}
	require.Len(t, approvers, 2)
	first := rules["ds-stdlzdevcurated-dfs"]
	for _, u := range approvers {
		assert.Contains(t, first.Dependencies, u)
	}
	assert.Contains(t, rules["ds-stdlzdevcurated-blob"].Dependencies, first.URN, "rules one after another")
	for _, d := range []plan.Resource{lake, scores} {
		for _, r := range rules {
			assert.Contains(t, d.Dependencies, r.URN, "%s waits for its network path", d.Name)
		}
		for _, ra := range computeRAs {
			if strings.Contains(ra.Input("scope").(string), dlzSub) {
				assert.Contains(t, d.Dependencies, ra.URN)
			}
		}
	}
}

// Compute instances: personal (assigned to the user), no public IP, SSH off, local auth off,
// idle shutdown, the compute identity, the setup script; after the compute identity's roles.
func TestComputeInstanceSecurityInputs(t *testing.T) {
	a := peopleArgs()
	a.ComputeInstances = append(a.ComputeInstances, ComputeInstanceArgs{Name: "fraud-bob", UserObjectId: "9e8d7c6b-5a4f-4e3d-b2c1-0f9e8d7c6b5a",
		VmSize: "Standard_DS4_v2", IdleMinutesBeforeShutdown: 30})
	var ids []string
	rs := run(t, func(ctx *pulumi.Context) error {
		w, err := NewMLOpsWorkspace(ctx, "fraud", a)
		if err != nil {
			return err
		}
		ids = await[[]string](w.ComputeInstanceIds)
		return nil
	})
	cid := must(t, rs, azureml.UserAssignedIdentityToken, "fraud-compute-id")
	ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
	ci := must(t, rs, azureml.ComputeInstanceToken, "fraud-ci-fraud-alice")
	bob := must(t, rs, azureml.ComputeInstanceToken, "fraud-ci-fraud-bob")
	for _, c := range []struct {
		path string
		want any
	}{
		{"computeName", "fraud-alice"},
		{"properties.computeType", "ComputeInstance"},
		{"properties.disableLocalAuth", true},
		{"properties.properties.enableNodePublicIp", false},
		{"properties.properties.sshSettings.sshPublicAccess", "Disabled"},
		{"properties.properties.idleTimeBeforeShutdown", "PT60M"},
		{"properties.properties.computeInstanceAuthorizationType", "personal"},
		{"properties.properties.personalComputeInstanceSettings.assignedUser.objectId", alice},
		{"properties.properties.personalComputeInstanceSettings.assignedUser.tenantId", tenant},
		{"properties.properties.vmSize", DefaultVMSize},
		{"properties.properties.setupScripts.scripts.creationScript.scriptSource", "workspaceStorage"},
		{"properties.properties.setupScripts.scripts.creationScript.scriptData", "Users/shared/setup-ci.sh"},
		{"identity.type", "UserAssigned"},
	} {
		assert.Equal(t, c.want, ci.Input(c.path), c.path)
	}
	assert.Equal(t, []any{cid.ID}, ci.Input("identity.userAssignedIdentities"), "the compute identity, not the workspace's")
	assert.Equal(t, ws.Input("workspaceName"), ci.Input("workspaceName"))
	assert.Equal(t, "PT30M", bob.Input("properties.properties.idleTimeBeforeShutdown"))
	assert.Equal(t, "Standard_DS4_v2", bob.Input("properties.properties.vmSize"))
	assert.Nil(t, bob.Input("properties.properties.setupScripts"))
	assert.Nil(t, ci.Input("properties.properties.subnet"), "in the managed network")
	_, computeRAs := grantsTo(rs, cid.Outputs["principalId"].StringValue())
	for _, ra := range computeRAs {
		assert.Contains(t, ci.Dependencies, ra.URN)
	}
	assert.Equal(t, []string{ci.ID, bob.ID}, ids)
}

// Prod refuses compute instances by default (TestPeopleBadInput); allowComputeInstances: true
// admits them there, and a prod workspace without instances needs no setting.
func TestComputeInstancesInProdOnlyWhenAllowed(t *testing.T) {
	a := peopleArgs()
	a.Environment = "prod"
	a.AllowComputeInstances = pulumi.BoolRef(true)
	rs, _ := runWorkspace(t, a)
	ci := must(t, rs, azureml.ComputeInstanceToken, "fraud-ci-fraud-alice")
	assert.Equal(t, alice, ci.Input("properties.properties.personalComputeInstanceSettings.assignedUser.objectId"))

	a = peopleArgs()
	a.Environment = "prod"
	a.ComputeInstances = nil
	rs, _ = runWorkspace(t, a)
	for _, c := range plan.Filter(rs, azureml.ComputeInstanceToken) {
		assert.Equal(t, "AmlCompute", c.Input("properties.computeType"), c.Name)
	}
}

// Without a tenant, the instance's user is in the deploying identity's tenant.
func TestComputeInstanceTenantDefaultsToTheDeployer(t *testing.T) {
	a := peopleArgs()
	a.TenantId = nil
	rs, _ := runWorkspace(t, a)
	ci := must(t, rs, azureml.ComputeInstanceToken, "fraud-ci-fraud-alice")
	assert.NotEmpty(t, ci.Input("properties.properties.personalComputeInstanceSettings.assignedUser.tenantId"))
}

// The role assignments the plan counts (Azure's per-subscription limit) are those registered.
func TestPeopleRoleAssignmentsArePlanned(t *testing.T) {
	a := peopleArgs()
	fp, err := a.Validate()
	require.NoError(t, err)
	rs, _ := runWorkspace(t, peopleArgs())
	assert.Equal(t, fp.RoleAssignments, len(plan.Filter(rs, "azure-native:authorization:RoleAssignment")))
}

func TestPeopleBadInput(t *testing.T) {
	build := func(ctx *pulumi.Context, a *MLOpsWorkspaceArgs) error {
		_, err := NewMLOpsWorkspace(ctx, "fraud", a)
		return err
	}
	f := "mlopsWorkspace."
	rs, _ := runWorkspace(t, peopleArgs())
	own := must(t, rs, "azure-native:storage:StorageAccount", "fraud-st")
	ownName := own.Input("accountName").(string)
	assertBadInput(t, peopleArgs, build, []badCase[MLOpsWorkspaceArgs]{
		{"group id not a GUID", func(a *MLOpsWorkspaceArgs) { a.Access.Readers = []string{"ml-readers"} },
			f + `access.readers[0]: "ml-readers" is not an Entra group object id (a GUID)`},
		{"user name as group", func(a *MLOpsWorkspaceArgs) { a.Access.DataScientists = []string{"alice@contoso.com"} },
			f + `access.dataScientists[0]: "alice@contoso.com" is a user name; access is granted to Entra groups only (principal type Group)`},
		{"user id as group", func(a *MLOpsWorkspaceArgs) { a.Access.MlEngineers = []string{alice} },
			f + "access.mlEngineers[0]: " + alice + " is a user's object id (computeInstances[0].userObjectId)"},
		{"group in two personas", func(a *MLOpsWorkspaceArgs) { a.Access.Readers = []string{strings.ToUpper(dsGroup)} },
			f + "access.readers[0]: group " + strings.ToUpper(dsGroup) + " is already listed at access.dataScientists[0]; a group has one persona"},
		{"duplicate datastore", func(a *MLOpsWorkspaceArgs) { a.Datastores[1].Name = "transactions" },
			f + `datastores[1].name: "transactions" is already used by datastores[0]`},
		{"datastore name", func(a *MLOpsWorkspaceArgs) { a.Datastores[0].Name = "Raw-Data" },
			f + `datastores[0].name: "Raw-Data" may contain only lowercase letters, digits and underscores`},
		{"reserved datastore name", func(a *MLOpsWorkspaceArgs) { a.Datastores[0].Name = "workspaceblobstore" },
			f + `datastores[0].name: "workspaceblobstore": names starting with "workspace" are the workspace's own datastores`},
		{"own storage as datastore", func(a *MLOpsWorkspaceArgs) {
			a.Datastores[0].StorageAccountId = own.ID
		}, f + "datastores[0].storageAccountId: " + ownName + " is the workspace's own storage"},
		{"malformed account id", func(a *MLOpsWorkspaceArgs) { a.Datastores[0].StorageAccountId = "stdlzdevcurated" },
			f + `datastores[0].storageAccountId: "stdlzdevcurated" is not a storage account id`},
		{"not a storage account", func(a *MLOpsWorkspaceArgs) { a.Datastores[0].StorageAccountId = sharedKV },
			f + "datastores[0].storageAccountId: \"" + sharedKV + "\" is a Microsoft.KeyVault/vaults id"},
		{"container name", func(a *MLOpsWorkspaceArgs) { a.Datastores[0].Container = "Raw_Data" },
			f + `datastores[0].container: "Raw_Data" is not a container name`},
		{"unknown kind", func(a *MLOpsWorkspaceArgs) { a.Datastores[0].Kind = "AzureSqlDatabase" },
			f + `datastores[0].kind: unknown value "AzureSqlDatabase" (allowed: AzureBlob, AzureDataLakeGen2)`},
		{"datastores without a managed network", func(a *MLOpsWorkspaceArgs) {
			a.IsolationMode = IsolationDisabled.Ptr()
			a.ComputeSubnetId = pulumi.String(armID("Microsoft.Network/virtualNetworks", "vnet/subnets/compute"))
		}, f + "datastores: isolationMode Disabled has no managed network"},
		{"instance user not a GUID", func(a *MLOpsWorkspaceArgs) { a.ComputeInstances[0].UserObjectId = "alice" },
			f + `computeInstances[0].userObjectId: "alice" is not an Entra user object id (a GUID)`},
		{"instance idle too short", func(a *MLOpsWorkspaceArgs) { a.ComputeInstances[0].IdleMinutesBeforeShutdown = 5 },
			f + "computeInstances[0].idleMinutesBeforeShutdown: must be 15-4320 (it is 5)"},
		{"instance named like a cluster", func(a *MLOpsWorkspaceArgs) { a.ComputeInstances[0].Name = "CPU" },
			f + `computeInstances[0].name: "CPU" is already the name of a compute cluster`},
		{"instance name", func(a *MLOpsWorkspaceArgs) { a.ComputeInstances[0].Name = "alice_notebook" },
			f + `computeInstances[0].name: "alice_notebook" must be 3-16 letters`},
		{"setup script outside the share", func(a *MLOpsWorkspaceArgs) { a.ComputeInstances[0].SetupScript = "https://example.com/x.sh" },
			f + `computeInstances[0].setupScript: "https://example.com/x.sh" must be a relative path`},
		{"instances in prod", func(a *MLOpsWorkspaceArgs) { a.Environment = "prod" },
			f + "computeInstances: the prod environment refuses compute instances (personal VMs with a person's data access in prod); " +
				"use a dev or test workspace, or set allowComputeInstances: true to allow them here"},
		{"instances not allowed", func(a *MLOpsWorkspaceArgs) { a.AllowComputeInstances = pulumi.BoolRef(false) },
			f + "computeInstances: the dev environment refuses compute instances"},
		{"instances nobody can open", func(a *MLOpsWorkspaceArgs) { a.Access = &TeamAccessArgs{Readers: []string{readGroup}} },
			f + "computeInstances: their users reach the workspace through a group in access.dataScientists or access.mlEngineers"},
		{"rule name of a datastore", func(a *MLOpsWorkspaceArgs) {
			a.OutboundRules = []OutboundRuleArgs{{Name: "ds-stdlzdevcurated-dfs", Type: OutboundFQDN, Destination: "pypi.org"}}
		}, f + `outboundRules: rule name "ds-stdlzdevcurated-dfs" is the datastores' private endpoint rule`},
	})
}
