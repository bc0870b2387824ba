package azpolicy

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/platform"
)

const (
	sub   = "/subscriptions/00000000-0000-0000-0000-000000000000"
	rg    = sub + "/resourceGroups/rg-mlops-dev"
	wsTok = "azure-native:machinelearningservices/v20241001preview:Workspace"
	cTok  = "azure-native:machinelearningservices/v20241001:Compute"
)

func planned(typ, id, inputs string) plan.DocResource {
	var m map[string]any
	if err := json.Unmarshal([]byte(inputs), &m); err != nil {
		panic(err)
	}
	name := id[strings.LastIndex(id, "/")+1:]
	return plan.DocResource{URN: "urn:pulumi:dev::azure-mlops::" + typ + "::" + name, Type: typ, Name: name, Custom: true, ID: id, Inputs: m}
}

// computeWithIdle is an ML compute as MLOpsWorkspace plans it, with the given idle time.
func computeWithIdle(idle string) plan.DocResource {
	return planned(cTok, rg+"/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-dev/computes/cpu", `{
		"computeName":"cpu","resourceGroupName":"rg-mlops-dev","workspaceName":"mlw-fraud-dev","location":"westeurope",
		"identity":{"type":"UserAssigned"},"tags":{"environment":"dev"},
		"properties":{"computeType":"AmlCompute","disableLocalAuth":true,"properties":{"enableNodePublicIp":false,
		"remoteLoginPortPublicAccess":"Disabled","vmSize":"Standard_DS3_v2",
		"scaleSettings":{"maxNodeCount":4,"minNodeCount":0,"nodeIdleTimeBeforeScaleDown":"`+idle+`"}}}}`)
}

func workspace() plan.DocResource {
	return planned(wsTok, rg+"/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-dev", `{
		"workspaceName":"mlw-fraud-dev","resourceGroupName":"rg-mlops-dev","location":"westeurope","kind":"Default",
		"identity":{"type":"UserAssigned"},"primaryUserAssignedIdentity":"/id","publicNetworkAccess":"Disabled",
		"allowPublicAccessWhenBehindVnet":false,"hbiWorkspace":false,"sku":{"name":"Basic"}}`)
}

// TestFromPlanMapsInputsToARM: the azure-native inputs become the ARM request body —
// flattened types get "properties" back, URL parameters leave, the envelope stays.
func TestFromPlanMapsInputsToARM(t *testing.T) {
	w, ok := FromPlan(workspace())
	require.True(t, ok)
	assert.Equal(t, "Microsoft.MachineLearningServices/workspaces", w.Type)
	assert.Equal(t, "mlw-fraud-dev", w.Name)
	assert.Equal(t, map[string]any{
		"location": "westeurope", "kind": "Default", "identity": map[string]any{"type": "UserAssigned"}, "sku": map[string]any{"name": "Basic"},
		"properties": map[string]any{"primaryUserAssignedIdentity": "/id", "publicNetworkAccess": "Disabled",
			"allowPublicAccessWhenBehindVnet": false, "hbiWorkspace": false},
	}, w.Body)

	c, ok := FromPlan(computeWithIdle("PT900S"))
	require.True(t, ok)
	assert.Equal(t, "Microsoft.MachineLearningServices/workspaces/computes", c.Type)
	assert.Equal(t, "cpu", c.Name)
	assert.Equal(t, "mlw-fraud-dev/cpu", c.FullName)
	assert.NotContains(t, c.Body, "computeName")
	assert.NotContains(t, c.Body, "workspaceName")
	props := c.Body["properties"].(map[string]any)
	assert.Equal(t, "AmlCompute", props["computeType"], "the compute's properties input is the ARM properties object, not flattened")

	// Each alias reads the value the input holds.
	for alias, want := range map[string]any{
		mc + "/computeType":                               "AmlCompute",
		mc + "/disableLocalAuth":                          true,
		mc + "/vmSize":                                    "Standard_DS3_v2",
		mc + "/remoteLoginPortPublicAccess":               "Disabled",
		mc + "/enableNodePublicIP":                        false,
		mc + "/scaleSettings.maxNodeCount":                4.0,
		mc + "/scaleSettings.minNodeCount":                0.0,
		mc + "/scaleSettings.nodeIdleTimeBeforeScaleDown": "PT900S",
	} {
		got, err := (&scope{res: c}).evalValue("[field('" + alias + "')]")
		require.NoError(t, err, alias)
		assert.Equal(t, want, got, alias)
	}
	for alias, want := range map[string]any{
		ws + "/publicNetworkAccess":             "Disabled",
		ws + "/allowPublicAccessWhenBehindVnet": false,
		ws + "/hbiWorkspace":                    false,
		ws + "/primaryUserAssignedIdentity":     "/id",
	} {
		got, err := (&scope{res: w}).evalValue("[field('" + alias + "')]")
		require.NoError(t, err, alias)
		assert.Equal(t, want, got, alias)
	}
	// Every shape names a distinct ARM type and every alias a known type.
	seen := map[string]string{}
	for tok, sh := range shapes {
		assert.Empty(t, seen[sh.armType], "%s and %s share %s", tok, seen[sh.armType], sh.armType)
		seen[sh.armType] = tok
	}
	for _, a := range Aliases {
		assert.NotEmpty(t, a.Source, a.Name)
		assert.NotEmpty(t, a.resourceType(), a.Name)
	}
}

// fields collects every field a rule reads: field conditions, count fields, field() calls.
func fields(v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if (strings.EqualFold(k, "field")) && !isExpression(e.(string)) {
				out[e.(string)] = true
			}
			fields(e, out)
		}
	case []any:
		for _, e := range x {
			fields(e, out)
		}
	case string:
		for _, part := range strings.Split(x, "field('")[1:] {
			out[part[:strings.Index(part, "'")]] = true
		}
	}
}

func devGuardrails() profile.Guardrails {
	return profile.Guardrails{Effect: "Deny", RequireHbi: true, MaxNodeCount: 8, MaxNodeIdleSeconds: 900,
		AllowedVmSizes: []string{"Standard_DS3_v2"}}
}

// TestEveryDeployedAliasIsMapped: every field the deployed definitions read (built-ins vendored,
// custom ones as Governance sends them) is a resource field or in the alias table.
func TestEveryDeployedAliasIsMapped(t *testing.T) {
	as, err := GovernanceAssignments("mlops", "dev", devGuardrails(), rg, []string{"cr.azurecr.io"})
	require.NoError(t, err)
	builtins, err := Builtins()
	require.NoError(t, err)
	read := map[string]bool{}
	for _, a := range as {
		require.NotNil(t, a.Definition, a.Name)
		if a.Definition.Mode == "All" || a.Definition.Mode == "Indexed" {
			fields(a.Definition.Rule, read)
		}
	}
	for _, d := range builtins {
		if d.Mode == "All" || d.Mode == "Indexed" {
			fields(d.Rule["if"], read)
		}
	}
	require.NotEmpty(t, read)
	for f := range read {
		switch strings.ToLower(f) {
		case "type", "name", "fullname", "kind", "location", "id", "tags", "identity.type":
			continue
		}
		_, ok := aliasByName[strings.ToLower(f)]
		assert.True(t, ok, "alias %s is read by a deployed definition but missing from the alias table", f)
	}
}

func evaluateOne(t *testing.T, as []*Assignment, r plan.DocResource, assignmentSuffix string) plan.AzureVerdict {
	t.Helper()
	rep := EvaluateWith(&plan.Document{Resources: []plan.DocResource{r}}, as)
	// Landing-zone assignments are named "<prefix>-<short>"; find them by their rule.
	names := map[string]bool{}
	for _, a := range as {
		if strings.HasSuffix(a.Name, assignmentSuffix) || (a.LandingZoneName() != "" && strings.HasSuffix(a.LandingZoneName(), assignmentSuffix)) {
			names[a.Name] = true
		}
	}
	for _, v := range rep.Verdicts {
		if names[v.Assignment] || strings.HasSuffix(v.Assignment, assignmentSuffix) {
			return v
		}
	}
	t.Fatalf("no verdict of %s for %s", assignmentSuffix, r.Name)
	return plan.AzureVerdict{}
}

// TestIdleTimeInMinutesIsDenied is the failing case: the ALZ Scale rule Governance
// deploys evaluates int(”) on "PT15M" — an expression error, which Azure treats as a deny,
// whatever the assignment's effect. Seconds ("PT900S") are what its expression parses.
func TestIdleTimeInMinutesIsDenied(t *testing.T) {
	for _, effect := range []string{"Audit", "Deny"} {
		g := devGuardrails()
		g.Effect = effect
		as, err := GovernanceAssignments("mlops", "dev", g, rg, nil)
		require.NoError(t, err)

		v := evaluateOne(t, as, computeWithIdle("PT15M"), "Deny-MachineLearning-ComputeCluster-Scale")
		assert.Equal(t, Errored, v.Result, v.Reason)
		assert.Equal(t, "deny", v.Action)
		assert.Contains(t, v.Error, `int("")`)
		assert.Equal(t, mc+"/scaleSettings.nodeIdleTimeBeforeScaleDown", v.Field)
		assert.Equal(t, `"PT15M"`, v.Value)

		v = evaluateOne(t, as, computeWithIdle("PT900S"), "Deny-MachineLearning-ComputeCluster-Scale")
		assert.Equal(t, Compliant, v.Result, v.Reason)
		assert.Equal(t, "none", v.Action)

		v = evaluateOne(t, as, computeWithIdle("PT901S"), "Deny-MachineLearning-ComputeCluster-Scale")
		assert.Equal(t, NonCompliant, v.Result, v.Reason)
		assert.Equal(t, strings.ToLower(effect), v.Action)
	}
}

// TestVerdicts: modes, scopes, exemptions, effects and enforcement modes.
func TestVerdicts(t *testing.T) {
	as, err := GovernanceAssignments("mlops", "dev", devGuardrails(), rg, []string{"cr.azurecr.io"})
	require.NoError(t, err)
	byName := map[string]*Assignment{}
	for _, a := range as {
		byName[strings.TrimPrefix(a.Name, "mlops-dev-")] = a
		if lz := a.LandingZoneName(); lz != "" {
			byName[lz] = a
		}
	}

	// Deny on a non-compliant request names the field and the value that decided it.
	big := computeWithIdle("PT900S")
	big.Inputs["properties"].(map[string]any)["properties"].(map[string]any)["vmSize"] = "Standard_ND96asr_v4"
	v := evaluateOne(t, as, big, "Deny-MachineLearning-Compute-VmSize")
	assert.Equal(t, NonCompliant, v.Result)
	assert.Equal(t, "deny", v.Action)
	assert.Equal(t, mc+"/vmSize", v.Field)
	assert.Equal(t, `"Standard_ND96asr_v4"`, v.Value)
	assert.Contains(t, v.Reason, "notIn")

	// Modify is reported as what it would change.
	noLocal := computeWithIdle("PT900S")
	noLocal.Inputs["properties"].(map[string]any)["disableLocalAuth"] = false
	v = evaluateOne(t, as, noLocal, "ml-compute-local-auth")
	assert.Equal(t, NonCompliant, v.Result)
	assert.Equal(t, "modify: addOrReplace "+mc+"/disableLocalAuth = true", v.Action)

	// The exemption Governance makes covers the subnet rule.
	v = evaluateOne(t, as, computeWithIdle("PT900S"), "Deny-MachineLearning-Compute-SubnetId")
	assert.Equal(t, Exempt, v.Result)

	// A workspace without a private endpoint fails the private link audit; with one it passes.
	ws := workspace()
	v = evaluateOne(t, as, ws, "ml-private-link")
	assert.Equal(t, NonCompliant, v.Result, v.Reason)
	assert.Equal(t, "audit", v.Action)
	pe := planned("azure-native:network:PrivateEndpoint", rg+"/providers/Microsoft.Network/privateEndpoints/pe",
		`{"privateLinkServiceConnections":[{"privateLinkServiceId":"`+ws.ID+`","groupIds":["amlworkspace"]}]}`)
	rep := EvaluateWith(&plan.Document{Resources: []plan.DocResource{ws, pe}}, as)
	for _, v := range rep.Verdicts {
		if strings.HasSuffix(v.Assignment, "ml-private-link") {
			assert.Equal(t, Compliant, v.Result, v.Reason)
		}
	}

	// Data-plane mode: not applicable to ARM resources.
	rep = EvaluateWith(&plan.Document{Resources: []plan.DocResource{ws}}, as)
	for _, a := range rep.Assignments {
		switch {
		case strings.HasSuffix(a.Name, "ml-allowed-registries"):
			assert.Equal(t, "not-applicable", a.Status)
		case strings.HasSuffix(a.Name, "ml-compute-local-auth"):
			assert.Equal(t, "Modify", a.Effect)
			assert.Equal(t, "evaluated", a.Status)
		}
	}

	// Scope: a resource outside the assignment's scope is not evaluated.
	other := computeWithIdle("PT15M")
	other.ID = strings.Replace(other.ID, "rg-mlops-dev", "rg-other", 1)
	rep = EvaluateWith(&plan.Document{Resources: []plan.DocResource{other}}, as)
	assert.Empty(t, rep.Verdicts)

	// Mode Indexed skips types without tags and location (a subnet) and resource groups; All
	// includes them.
	subnet := planned("azure-native:network:Subnet", rg+"/providers/Microsoft.Network/virtualNetworks/v/subnets/s", `{"addressPrefix":"10.0.0.0/24"}`)
	group := planned("azure-native:resources:ResourceGroup", rg, `{"resourceGroupName":"rg-mlops-dev","location":"westeurope"}`)
	rep = EvaluateWith(&plan.Document{Resources: []plan.DocResource{subnet, group}}, as)
	for _, a := range rep.Assignments {
		if a.Status != "evaluated" {
			continue
		}
		if a.Mode == "Indexed" {
			assert.Zero(t, a.Resources, a.Name)
		} else {
			assert.Equal(t, 2, a.Resources, a.Name)
		}
	}

	// DoNotEnforce: a failed evaluation is not enforced.
	scale := *byName["Deny-MachineLearning-ComputeCluster-Scale"]
	scale.EnforcementMode = "DoNotEnforce"
	v = evaluateOne(t, []*Assignment{&scale}, computeWithIdle("PT15M"), "Scale")
	assert.Equal(t, Errored, v.Result)
	assert.False(t, v.Denies())

	// Disabled: not evaluated.
	disabled := *byName["Deny-MachineLearning-ComputeCluster-Scale"]
	disabled.Values = map[string]any{"effect": "Disabled"}
	rep = EvaluateWith(&plan.Document{Resources: []plan.DocResource{computeWithIdle("PT15M")}}, []*Assignment{&disabled})
	assert.Equal(t, "disabled", rep.Assignments[0].Status)
	assert.Empty(t, rep.Verdicts)

	// Unknown values have no verdict; they never deny.
	unknown := computeWithIdle(plan.UnknownMarker)
	v = evaluateOne(t, as, unknown, "Deny-MachineLearning-ComputeCluster-Scale")
	assert.Equal(t, Indefinite, v.Result)
	assert.False(t, v.Denies())

	// An assignment of a definition that is neither planned nor vendored says so.
	lost := &Assignment{Name: "lost", DefinitionID: "/providers/Microsoft.Authorization/policyDefinitions/00000000-0000-0000-0000-000000000000", Scope: rg}
	rep = EvaluateWith(&plan.Document{}, []*Assignment{lost})
	assert.Equal(t, "definition-not-found", rep.Assignments[0].Status)
}

// TestTypeIndexIsExact: evaluating only the resources a definition's type condition selects
// gives the verdicts a full evaluation of every resource gives.
func TestTypeIndexIsExact(t *testing.T) {
	as, err := GovernanceAssignments("mlops", "dev", devGuardrails(), rg, nil)
	require.NoError(t, err)
	builtins, err := Builtins()
	require.NoError(t, err)
	subnet := planned("azure-native:network:Subnet", rg+"/providers/Microsoft.Network/virtualNetworks/v/subnets/s", `{}`)
	resources := []plan.DocResource{workspace(), computeWithIdle("PT15M"), computeWithIdle("PT900S"), subnet,
		planned("azure-native:storage:StorageAccount", rg+"/providers/Microsoft.Storage/storageAccounts/st", `{"location":"westeurope","kind":"StorageV2"}`)}
	for _, a := range as {
		for _, r := range resources {
			res, _ := FromPlan(r)
			eff, err := a.Effect()
			require.NoError(t, err)
			full := a.Evaluate(res, eff)
			selected := a.Definition.types == nil
			for _, ty := range a.Definition.types {
				selected = selected || ty == strings.ToLower(res.Type)
			}
			if !selected {
				assert.Contains(t, []string{Compliant, Exempt}, full.Result, "%s on %s: the index skips a resource the rule does not pass", a.Name, r.Name)
			}
		}
	}
	for id, d := range builtins {
		if d.Mode == "All" || d.Mode == "Indexed" {
			assert.NotNil(t, d.types, "%s: no type index; every resource would be evaluated", id)
		}
	}
}

func TestBuiltinsAreVendoredWithTheirSource(t *testing.T) {
	builtins, err := Builtins()
	require.NoError(t, err)
	assert.Len(t, builtins, len(BuiltinSources))
	for id, d := range builtins {
		assert.Equal(t, "/providers/microsoft.authorization/policydefinitions/"+d.Name, id)
		assert.Contains(t, d.Source, "Azure/azure-policy@")
		assert.Contains(t, d.Source, "version ")
	}
}

// platformPlan plans the platform with n projects like dev's (one CPU cluster each).
func platformPlan(tb testing.TB, n int) *plan.Document {
	tb.Helper()
	var projects []map[string]any
	for i := 0; i < n; i++ {
		projects = append(projects, map[string]any{"name": fmt.Sprintf("proj%03d", i),
			"computeClusters": []map[string]any{{"name": "cpu", "maxNodes": 4}}})
	}
	pj, _ := json.Marshal(projects)
	cfg := map[string]string{"azure-mlops:location": "westeurope", "azure-mlops:projects": string(pj),
		"azure-mlops:network": `{"addressSpace":"10.60.0.0/16","privateEndpointSubnetPrefix":"10.60.0.0/20"}`}
	doc, err := plan.Evaluate(plan.Options{Project: "azure-mlops", Stack: "dev", Config: cfg}, platform.PlatformFromConfig)
	require.NoError(tb, err)
	return doc
}

// BenchmarkEvaluate: the Azure Policy step of the plan alone, per stack size (the program
// that builds the plan is BenchmarkPlanProjects in cmd/azure-mlops).
func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{1, 50, 200} {
		doc := platformPlan(b, n)
		b.Run(fmt.Sprintf("projects=%d", n), func(b *testing.B) {
			var rep plan.AzurePolicyReport
			for i := 0; i < b.N; i++ {
				var err error
				if rep, err = Evaluate(doc); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(doc.Resources)), "resources")
			b.ReportMetric(float64(len(rep.Verdicts)), "verdicts")
		})
	}
}

// TestLargePlanVerdicts: a 50-project plan evaluates cleanly, with exactly one verdict per
// workspace or compute and assignment that selects its type (4 workspace and 7 compute
// assignments in dev), not one per resource and assignment.
func TestLargePlanVerdicts(t *testing.T) {
	const n = 50
	doc := platformPlan(t, n)
	rep, err := Evaluate(doc)
	require.NoError(t, err)
	for _, a := range rep.Assignments {
		assert.Zero(t, a.Errors+a.NonCompliant+a.Unevaluated, a.Name)
	}
	assert.Len(t, rep.Verdicts, 11*n)
}

// TestGovernanceSendsTheLandingZoneDefinitions: every custom definition Governance deploys is
// a landing-zone definition of Azure/Enterprise-Scale, rule, mode and parameters unchanged
// (ALZ's own "[[" escape aside), so the plan evaluates what the landing zone publishes.
func TestGovernanceSendsTheLandingZoneDefinitions(t *testing.T) {
	lz, err := LandingZone()
	require.NoError(t, err)
	require.Len(t, lz, 7)
	as, err := GovernanceAssignments("mlops", "dev", devGuardrails(), rg, nil)
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, a := range as {
		if _, builtin := BuiltinSources[a.Definition.Name]; builtin {
			continue
		}
		if own := slices.ContainsFunc(components.PackagePolicyDefinitions(), func(s string) bool { return strings.HasSuffix(a.Definition.Name, "-"+s) }); own {
			continue
		}
		name := a.Definition.LandingZoneName()
		require.NotEmpty(t, name, "%s: the rule Governance sends is no landing-zone definition's", a.Name)
		seen[name] = true
		l := lz[name]
		assert.Equal(t, l.Mode, a.Definition.Mode, name)
		assert.Equal(t, l.DisplayName, a.Definition.DisplayName, name)
		var want, got []string
		for k := range l.Parameters {
			want = append(want, k)
		}
		for k := range a.Definition.Parameters {
			got = append(got, k)
		}
		assert.ElementsMatch(t, want, got, "%s: parameters", name)
		assert.Contains(t, a.Definition.Source, "Azure/Enterprise-Scale@")
	}
	assert.Len(t, seen, 7, "devGuardrails assign every landing-zone definition")
	// The unescaping: ALZ writes the Scale rule's expressions with "[[".
	scale := lz["Deny-MachineLearning-ComputeCluster-Scale"].Rule
	assert.Contains(t, Render(scale), `"greater":"[parameters('maxNodeCount')]"`)
}

// An Azure ML registry as SharedServices plans it: the inputs' registryProperties become the
// ARM body's properties, and Governance's registry definition holds it to public access off.
func TestMLRegistryPublicAccessIsEvaluated(t *testing.T) {
	reg := func(access string) plan.DocResource {
		return planned("azure-native:machinelearningservices/v20241001:Registry",
			rg+"/providers/Microsoft.MachineLearningServices/registries/mlr-mlops", `{
			"registryName":"mlr-mlops","resourceGroupName":"rg-mlops-dev","location":"westeurope","tags":{"environment":"dev"},
			"identity":{"type":"SystemAssigned"},"registryProperties":{"publicNetworkAccess":"`+access+`","regionDetails":[{"location":"westeurope"}]}}`)
	}
	r, ok := FromPlan(reg("Disabled"))
	require.True(t, ok)
	assert.Equal(t, "Microsoft.MachineLearningServices/registries", r.Type)
	assert.Equal(t, "Disabled", r.Body["properties"].(map[string]any)["publicNetworkAccess"])
	assert.NotContains(t, r.Body, "registryProperties")

	for _, effect := range []string{"Audit", "Deny"} {
		g := devGuardrails()
		g.Effect = effect
		g.MlRegistries = true
		as, err := GovernanceAssignments("mlops", "dev", g, rg, nil)
		require.NoError(t, err)
		v := evaluateOne(t, as, reg("Disabled"), "ml-registry-public")
		assert.Equal(t, Compliant, v.Result, v.Reason)
		v = evaluateOne(t, as, reg("Enabled"), "ml-registry-public")
		assert.Equal(t, NonCompliant, v.Result, v.Reason)
		assert.Equal(t, strings.ToLower(effect), v.Action)
	}
}
