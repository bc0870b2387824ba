package policy

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/platform"
	"github.com/azure-mlops/pulumi-azure-mlops/policies"
)

const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"

var typeIDs = map[string]string{
	"azure-native:machinelearningservices/v20241001preview:Workspace": "Microsoft.MachineLearningServices/workspaces/",
	"azure-native:machinelearningservices/v20241001:Compute":          "Microsoft.MachineLearningServices/workspaces/mlw/computes/",
	"azure-native:storage:StorageAccount":                             "Microsoft.Storage/storageAccounts/",
	"azure-native:keyvault:Vault":                                     "Microsoft.KeyVault/vaults/",
	"azure-native:containerregistry/v20231101preview:Registry":        "Microsoft.ContainerRegistry/registries/",
	"azure-native:operationalinsights:Workspace":                      "Microsoft.OperationalInsights/workspaces/",
	"azure-native:insights:Component":                                 "Microsoft.Insights/components/",
	"azure-native:insights:DiagnosticSetting":                         "Microsoft.Insights/diagnosticSettings/",
	"azure-native:network:PrivateEndpoint":                            "Microsoft.Network/privateEndpoints/",
	"azure-native:network:Subnet":                                     "Microsoft.Network/virtualNetworks/v/subnets/",
	"azure-native:network:VirtualNetworkLink":                         "Microsoft.Network/privateDnsZones/z/virtualNetworkLinks/",
	"azure-native:insights:MetricAlert":                               "Microsoft.Insights/metricAlerts/",
	"azure-native:insights:ScheduledQueryRule":                        "Microsoft.Insights/scheduledQueryRules/",
	"azure-native:authorization:ManagementLockByScope":                "Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/locks/",
}

// res builds a resource as the plan records it. inputs is JSON, so fixtures read like the
// plan's own output.
func res(typ, name, inputs string) plan.DocResource {
	var m map[string]any
	if err := json.Unmarshal([]byte(inputs), &m); err != nil {
		panic(name + ": " + err.Error())
	}
	return plan.DocResource{URN: "urn:pulumi:t::p::" + typ + "::" + name, Type: typ, Name: name, Custom: true,
		ID: sub + typeIDs[typ] + name, Inputs: m, Dependencies: []string{}, PropertyDependencies: map[string][]string{}}
}

// dep records that r's property prop uses resource on.
func dep(r plan.DocResource, prop string, on plan.DocResource) plan.DocResource {
	pd := map[string][]string{}
	for k, v := range r.PropertyDependencies {
		pd[k] = v
	}
	pd[prop] = append(pd[prop], on.URN)
	r.PropertyDependencies = pd
	r.Dependencies = append(append([]string{}, r.Dependencies...), on.URN)
	return r
}

func with(r plan.DocResource, path string, v any) plan.DocResource {
	b, _ := json.Marshal(r.Inputs)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	cur := m
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := cur[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[p] = next
		}
		cur = next
	}
	if v == nil {
		delete(cur, parts[len(parts)-1])
	} else {
		cur[parts[len(parts)-1]] = v
	}
	r.Inputs = m
	return r
}

const (
	wsT  = "azure-native:machinelearningservices/v20241001preview:Workspace"
	cT   = "azure-native:machinelearningservices/v20241001:Compute"
	stT  = "azure-native:storage:StorageAccount"
	kvT  = "azure-native:keyvault:Vault"
	crT  = "azure-native:containerregistry/v20231101preview:Registry"
	mlrT = "azure-native:machinelearningservices/v20241001:Registry"
	lawT = "azure-native:operationalinsights:Workspace"
	aiT  = "azure-native:insights:Component"
	dT   = "azure-native:insights:DiagnosticSetting"
	peT  = "azure-native:network:PrivateEndpoint"
	snT  = "azure-native:network:Subnet"
	lnT  = "azure-native:network:VirtualNetworkLink"
	zgT  = "azure-native:network:PrivateDnsZoneGroup"
	maT  = "azure-native:insights:MetricAlert"
	sqT  = "azure-native:insights:ScheduledQueryRule"
	buT  = "azure-native:consumption:Budget"
	lkT  = "azure-native:authorization:ManagementLockByScope"
)

// The secure baseline of each type, as the components create it.
var (
	workspace = res(wsT, "mlw", `{"publicNetworkAccess":"Disabled","allowPublicAccessWhenBehindVnet":false,
		"identity":{"type":"UserAssigned","userAssignedIdentities":["/id"]},"primaryUserAssignedIdentity":"/id",
		"systemDatastoresAuthMode":"Identity","managedNetwork":{"isolationMode":"AllowOnlyApprovedOutbound"},"hbiWorkspace":true,
		"encryption":{"status":"Enabled"},"containerRegistry":"`+sub+`Microsoft.ContainerRegistry/registries/cr"}`)
	compute = res(cT, "cpu", `{"identity":{"type":"UserAssigned"},"properties":{"computeType":"AmlCompute","disableLocalAuth":true,
		"properties":{"enableNodePublicIp":false,"remoteLoginPortPublicAccess":"Disabled","vmSize":"Standard_DS3_v2",
		"scaleSettings":{"minNodeCount":0,"maxNodeCount":4,"nodeIdleTimeBeforeScaleDown":"PT900S"}}}}`)
	instance = res(cT, "ci", `{"identity":{"type":"UserAssigned"},"properties":{"computeType":"ComputeInstance","disableLocalAuth":true,
		"properties":{"enableNodePublicIp":false,"sshSettings":{"sshPublicAccess":"Disabled"},"vmSize":"Standard_DS3_v2",
		"idleTimeBeforeShutdown":"PT60M","personalComputeInstanceSettings":{"assignedUser":{"objectId":"u","tenantId":"t"}}}}}`)
	storageAcct = res(stT, "st", `{"publicNetworkAccess":"Disabled","allowSharedKeyAccess":false,"allowBlobPublicAccess":false,
		"minimumTlsVersion":"TLS1_2","enableHttpsTrafficOnly":true,"allowCrossTenantReplication":false,
		"networkRuleSet":{"defaultAction":"Deny"},"encryption":{"requireInfrastructureEncryption":true}}`)
	vault = res(kvT, "kv", `{"properties":{"publicNetworkAccess":"Disabled","enablePurgeProtection":true,
		"enableRbacAuthorization":true,"enableSoftDelete":true}}`)
	registry = res(crT, "cr", `{"publicNetworkAccess":"Disabled","adminUserEnabled":false,"anonymousPullEnabled":false,
		"sku":{"name":"Premium"},"policies":{"exportPolicy":{"status":"disabled"}}}`)
	mlRegistry = res(mlrT, "mlr", `{"registryProperties":{"publicNetworkAccess":"Disabled"}}`)
	law        = res(lawT, "law", `{"features":{"disableLocalAuth":true},"publicNetworkAccessForIngestion":"Disabled","publicNetworkAccessForQuery":"Disabled"}`)
	appi       = res(aiT, "appi", `{"disableLocalAuth":true,"ingestionMode":"LogAnalytics","workspaceResourceId":"/law","publicNetworkAccessForIngestion":"Disabled","publicNetworkAccessForQuery":"Disabled"}`)
	subnet     = res(snT, "snet", `{"networkSecurityGroup":{"id":"/nsg"}}`)
	link       = res(lnT, "link", `{"registrationEnabled":false}`)
	// Operations: alerts to the action group, a budget that emails, a lock on a resource.
	metricAlert = res(maT, "ma", `{"actions":[{"actionGroupId":"`+sub+`Microsoft.Insights/actionGroups/ag"}]}`)
	logAlert    = res(sqT, "la", `{"actions":{"actionGroups":["`+sub+`Microsoft.Insights/actionGroups/ag"]}}`)
	budget      = res(buT, "budget", `{"scope":"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg",
		"notifications":{"actual80":{"enabled":true,"threshold":80,"operator":"GreaterThanOrEqualTo","contactEmails":["a@contoso.com"]}}}`)
	lock = res(lkT, "lock", `{"scope":"`+sub+`Microsoft.Storage/storageAccounts/st","level":"CanNotDelete"}`)
)

func endpoint(name string, target plan.DocResource, group string) plan.DocResource {
	pe := res(peT, name, `{"privateLinkServiceConnections":[{"privateLinkServiceId":"`+target.ID+`","groupIds":["`+group+`"]}]}`)
	return dep(pe, "privateLinkServiceConnections", target)
}

func diag(name string, target, ws plan.DocResource) plan.DocResource {
	d := res(dT, name, `{"resourceUri":"`+target.ID+`","workspaceId":"`+ws.ID+`"}`)
	return dep(dep(d, "resourceUri", target), "workspaceId", ws)
}

// stack is a complete, compliant set of resources for the stack rules.
func stack() []plan.DocResource {
	ws := dep(workspace, "containerRegistry", registry)
	c := dep(compute, "workspaceName", ws)
	return []plan.DocResource{law, appi, vault, storageAcct, registry, ws, c, mlRegistry,
		endpoint("pe-mlw", ws, "amlworkspace"), endpoint("pe-st", storageAcct, "blob"), endpoint("pe-kv", vault, "vault"), endpoint("pe-cr", registry, "registry"),
		endpoint("pe-mlr", mlRegistry, "amlregistry"),
		diag("d-ws", ws, law), diag("d-st", storageAcct, law), diag("d-kv", vault, law), diag("d-cr", registry, law), diag("d-mlr", mlRegistry, law), budget}
}

func replace(rs []plan.DocResource, r plan.DocResource) []plan.DocResource {
	out := make([]plan.DocResource, 0, len(rs))
	for _, x := range rs {
		if x.Name == r.Name {
			x = r
		}
		out = append(out, x)
	}
	return out
}

func without(rs []plan.DocResource, name string) []plan.DocResource {
	var out []plan.DocResource
	for _, x := range rs {
		if x.Name != name {
			out = append(out, x)
		}
	}
	return out
}

type fixture struct {
	pass, fail []plan.DocResource
	outputs    map[string]any
	config     map[string]map[string]any
}

// noManagedNetwork: the workspace has isolation Disabled and its compute no subnet.
func noManagedNetwork() []plan.DocResource {
	ws := dep(with(workspace, "managedNetwork.isolationMode", "Disabled"), "containerRegistry", registry)
	return replace(replace(stack(), ws), dep(compute, "workspaceName", ws))
}

func one(r plan.DocResource) []plan.DocResource { return []plan.DocResource{r} }

// fixtures: for every rule, a compliant and a violating document.
func fixtures() map[string]fixture {
	ws, c := workspace, compute
	return map[string]fixture{
		"deny_ml_workspace_public_network_access":     {one(ws), one(with(ws, "publicNetworkAccess", "Enabled")), nil, nil},
		"deny_ml_workspace_public_access_behind_vnet": {one(ws), one(with(ws, "allowPublicAccessWhenBehindVnet", true)), nil, nil},
		"deny_ml_workspace_user_assigned_identity":    {one(ws), one(with(with(ws, "identity.type", "SystemAssigned"), "primaryUserAssignedIdentity", nil)), nil, nil},
		"deny_ml_workspace_identity_datastores":       {one(ws), one(with(ws, "systemDatastoresAuthMode", "AccessKey")), nil, nil},
		"deny_ml_workspace_isolation_mode": {one(ws), one(with(ws, "managedNetwork.isolationMode", "AllowInternetOutbound")), nil,
			map[string]map[string]any{"deny_ml_workspace_isolation_mode": {"allowedIsolationModes": []string{"AllowOnlyApprovedOutbound"}}}},
		"deny_ml_workspace_hbi": {one(ws), one(with(ws, "hbiWorkspace", false)), nil,
			map[string]map[string]any{"deny_ml_workspace_hbi": {"required": true}}},
		"warn_ml_workspace_customer_managed_key": {one(ws), one(with(ws, "encryption", nil)), nil, nil},
		"deny_compute_local_auth":                {one(c), one(with(c, "properties.disableLocalAuth", false)), nil, nil},
		"deny_compute_node_public_ip":            {one(c), one(with(c, "properties.properties.enableNodePublicIp", true)), nil, nil},
		"deny_compute_remote_login_port":         {one(c), one(with(c, "properties.properties.remoteLoginPortPublicAccess", "Enabled")), nil, nil},
		"deny_compute_scale": {one(c), one(with(c, "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown", "PT1H")), nil,
			map[string]map[string]any{"deny_compute_scale": {"maxNodeCount": 8, "minNodeCount": 0, "maxNodeIdleTimeInSecondsBeforeScaleDown": 900}}},
		"deny_compute_vm_size": {one(c), one(with(c, "properties.properties.vmSize", "Standard_ND96asr_v4")), nil,
			map[string]map[string]any{"deny_compute_vm_size": {"allowedVmSizes": []string{"Standard_DS3_v2"}}}},
		"deny_compute_subnet": {one(with(c, "properties.properties.subnet.id", "/approved")), one(with(c, "properties.properties.subnet.id", "/other")), nil,
			map[string]map[string]any{"deny_compute_subnet": {"allowedSubnetIds": []string{"/approved"}}}},
		"deny_compute_user_assigned_identity": {one(c), one(with(c, "identity.type", "SystemAssigned")), nil, nil},
		"deny_compute_instance_public_access": {one(instance), one(with(instance, "properties.properties.sshSettings.sshPublicAccess", "Enabled")), nil, nil},
		"deny_compute_instance_idle_shutdown": {one(instance), one(with(instance, "properties.properties.idleTimeBeforeShutdown", nil)), nil, nil},
		"deny_compute_instance_idle_limit": {one(with(instance, "properties.properties.idleTimeBeforeShutdown", "PT1H")), one(with(instance, "properties.properties.idleTimeBeforeShutdown", "PT1H30M")), nil,
			map[string]map[string]any{"deny_compute_instance_idle_limit": {"maxIdleMinutes": 60}}},
		"deny_compute_instance_personal": {one(instance), one(with(instance, "properties.properties.personalComputeInstanceSettings", nil)), nil, nil},
		"deny_compute_instance_allowed": {one(c), one(instance), nil,
			map[string]map[string]any{"deny_compute_instance_allowed": {"allowed": false}}},
		"deny_storage_public_network_access":     {one(storageAcct), one(with(storageAcct, "publicNetworkAccess", "Enabled")), nil, nil},
		"deny_storage_shared_key_access":         {one(storageAcct), one(with(storageAcct, "allowSharedKeyAccess", true)), nil, nil},
		"deny_storage_blob_public_access":        {one(storageAcct), one(with(storageAcct, "allowBlobPublicAccess", true)), nil, nil},
		"deny_storage_min_tls":                   {one(storageAcct), one(with(storageAcct, "minimumTlsVersion", "TLS1_0")), nil, nil},
		"deny_storage_https_only":                {one(storageAcct), one(with(storageAcct, "enableHttpsTrafficOnly", false)), nil, nil},
		"deny_storage_cross_tenant_replication":  {one(storageAcct), one(with(storageAcct, "allowCrossTenantReplication", nil)), nil, nil},
		"deny_storage_network_default_action":    {one(storageAcct), one(with(storageAcct, "networkRuleSet.defaultAction", "Allow")), nil, nil},
		"warn_storage_infrastructure_encryption": {one(storageAcct), one(with(storageAcct, "encryption.requireInfrastructureEncryption", false)), nil, nil},
		"deny_key_vault_public_network_access":   {one(vault), one(with(vault, "properties.publicNetworkAccess", "enabled")), nil, nil},
		"deny_key_vault_purge_protection":        {one(vault), one(with(vault, "properties.enablePurgeProtection", nil)), nil, nil},
		"deny_key_vault_rbac":                    {one(vault), one(with(vault, "properties.enableRbacAuthorization", false)), nil, nil},
		"deny_key_vault_soft_delete":             {one(vault), one(with(vault, "properties.enableSoftDelete", false)), nil, nil},
		"deny_registry_public_network_access":    {one(registry), one(with(registry, "publicNetworkAccess", "Enabled")), nil, nil},
		"deny_registry_admin_user":               {one(registry), one(with(registry, "adminUserEnabled", true)), nil, nil},
		"deny_ml_registry_public_network_access": {one(mlRegistry), one(with(mlRegistry, "registryProperties.publicNetworkAccess", "Enabled")), nil, nil},
		"deny_registry_anonymous_pull":           {one(registry), one(with(registry, "anonymousPullEnabled", true)), nil, nil},
		"deny_registry_premium":                  {one(registry), one(with(registry, "sku.name", "Standard")), nil, nil},
		"warn_registry_export":                   {one(registry), one(with(registry, "policies.exportPolicy.status", "enabled")), nil, nil},
		"deny_log_analytics_local_auth":          {one(law), one(with(law, "features.disableLocalAuth", false)), nil, nil},
		"deny_app_insights_local_auth":           {one(appi), one(with(appi, "disableLocalAuth", nil)), nil, nil},
		"deny_app_insights_workspace_based":      {one(appi), one(with(appi, "ingestionMode", "ApplicationInsights")), nil, nil},
		"warn_monitoring_public_access":          {[]plan.DocResource{law, appi}, one(with(law, "publicNetworkAccessForQuery", "Enabled")), nil, nil},
		"deny_subnet_without_nsg":                {one(subnet), one(with(subnet, "networkSecurityGroup", nil)), nil, nil},
		"deny_private_dns_autoregistration":      {one(link), one(with(link, "registrationEnabled", true)), nil, nil},
		"deny_private_dns_zone_group_entry": {one(res(zgT, "zg", `{"privateDnsZoneConfigs":[{"name":"blob","privateDnsZoneId":"/zone"}]}`)),
			one(res(zgT, "zg", `{"privateDnsZoneConfigs":[{"name":"blob","privateDnsZoneId":"/zone"},{"name":"monitor"}]}`)), nil, nil},
		"stack_deny_private_endpoints":       {stack(), without(stack(), "pe-kv"), nil, nil},
		"stack_deny_private_endpoint_target": {stack(), replace(stack(), endpoint("pe-st", storageAcct, "vault")), nil, nil},
		"stack_deny_diagnostics":             {stack(), without(stack(), "d-cr"), nil, nil},
		"stack_deny_compute_network":         {stack(), noManagedNetwork(), nil, nil},
		"stack_warn_budget":                  {stack(), without(stack(), "budget"), nil, nil},
		"deny_alert_action_group": {[]plan.DocResource{metricAlert, logAlert},
			[]plan.DocResource{with(metricAlert, "actions", []any{}), with(logAlert, "actions.actionGroups", []any{})}, nil, nil},
		"deny_budget_notification": {one(budget), one(with(budget, "notifications.actual80.enabled", false)), nil, nil},
		"deny_lock_scope": {one(lock), []plan.DocResource{with(lock, "scope", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"),
			with(lock, "scope", sub+"Microsoft.MachineLearningServices/workspaces/mlw")}, nil, nil},
		"stack_deny_ml_workspace_registry": {stack(), replace(stack(), workspace), nil, nil},
		"stack_deny_plain_secret_output": {stack(), stack(),
			map[string]any{"appInsightsConnectionString": "InstrumentationKey=abc;IngestionEndpoint=https://x"}, nil},
	}
}

func evaluate(t *testing.T, p *Pack, rs []plan.DocResource, outputs map[string]any, cfg map[string]map[string]any) []plan.Violation {
	t.Helper()
	doc := &plan.Document{Project: "p", Stack: "t", Resources: rs, Outputs: outputs}
	v, err := p.Evaluate(context.Background(), doc, cfg)
	require.NoError(t, err)
	return v
}

func ids(vs []plan.Violation, rule string) []plan.Violation {
	var out []plan.Violation
	for _, v := range vs {
		if v.Policy == rule {
			out = append(out, v)
		}
	}
	return out
}

func TestEveryRuleHasMetadataAndFixtures(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	assert.Equal(t, "azure_mlops", p.Name)
	fx := fixtures()
	require.GreaterOrEqual(t, len(p.Rules), 40)
	for _, r := range p.Rules {
		assert.NotEmpty(t, r.Title, "%s has no title", r.ID)
		assert.NotEmpty(t, r.Mirrors, "%s does not say what it mirrors", r.ID)
		assert.NotEmpty(t, r.Fix, "%s does not say how to fix it", r.ID)
		_, ok := fx[r.ID]
		assert.True(t, ok, "%s has no pass/fail fixture", r.ID)
	}
	for id := range fx {
		_, ok := p.Rule(id)
		assert.True(t, ok, "fixture for unknown rule %s", id)
	}
}

func TestEveryRulePassesAndFailsItsFixtures(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	for id, f := range fixtures() {
		t.Run(id, func(t *testing.T) {
			rule, ok := p.Rule(id)
			require.True(t, ok)
			passOutputs := map[string]any{}
			if id == "stack_deny_plain_secret_output" {
				passOutputs = map[string]any{"appInsightsConnectionString": plan.SecretMarker}
			}
			assert.Empty(t, ids(evaluate(t, p, f.pass, passOutputs, f.config), id), "compliant fixture violates %s", id)
			failing := ids(evaluate(t, p, f.fail, f.outputs, f.config), id)
			require.NotEmpty(t, failing, "violating fixture passes %s", id)
			for _, v := range failing {
				assert.Equal(t, rule.Enforcement, v.Enforcement)
				assert.NotEmpty(t, v.Message)
				assert.NotEmpty(t, v.URN)
			}
		})
	}
}

func TestParametersComeFromTheEnvironment(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	big := with(compute, "properties.properties.scaleSettings.maxNodeCount", 20)
	// With the CAF defaults (10 nodes) the cluster is too big; with a prod-like limit it fits.
	assert.NotEmpty(t, ids(evaluate(t, p, one(big), nil, nil), "deny_compute_scale"))
	assert.Empty(t, ids(evaluate(t, p, one(big), nil, Config(profile.Guardrails{MaxNodeCount: 64, MaxNodeIdleSeconds: 900})), "deny_compute_scale"))
	// HBI is required only where the environment says so.
	noHbi := with(workspace, "hbiWorkspace", false)
	assert.Empty(t, ids(evaluate(t, p, one(noHbi), nil, Config(profile.Guardrails{})), "deny_ml_workspace_hbi"))
	assert.NotEmpty(t, ids(evaluate(t, p, one(noHbi), nil, Config(profile.Guardrails{RequireHbi: true})), "deny_ml_workspace_hbi"))
}

// TestIdleTimeMirrorsALZ: the pack reads nodeIdleTimeBeforeScaleDown exactly as ALZ's
// Deny-MachineLearning-ComputeCluster-Scale expression does (components.ALZIdleSeconds, the
// vendored definition's steps): seconds are compared, and what Azure's int() cannot parse
// (minutes, hours) is refused, because Azure denies on an expression error.
func TestIdleTimeMirrorsALZ(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	for _, d := range []string{"PT900S", "PT120S", "PT1800S", "PT15M", "PT1H", "PT2H", "PT1H30M", "PT1M30S"} {
		c := with(compute, "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown", d)
		cfg := Config(profile.Guardrails{MaxNodeCount: 100, MaxNodeIdleSeconds: 900})
		got := ids(evaluate(t, p, one(c), nil, cfg), "deny_compute_scale")
		secs, ok := components.ALZIdleSeconds(d)
		switch {
		case !ok:
			require.Len(t, got, 1, d)
			assert.Contains(t, got[0].Message, "not in seconds", d)
		case secs > 900:
			assert.Len(t, got, 1, d)
		default:
			assert.Empty(t, got, d)
		}
	}
	// What the platform sends parses.
	secs, ok := components.ALZIdleSeconds("PT900S")
	assert.True(t, ok)
	assert.Equal(t, 900, secs)
	_, ok = components.ALZIdleSeconds("PT15M")
	assert.False(t, ok, "int('') in Azure Policy")
}

// TestRegoDefaultVMSizesAreALZs: the pack's default list is ALZ's, as vendored.
func TestRegoDefaultVMSizesAreALZs(t *testing.T) {
	b, err := policies.FS.ReadFile("compute.rego")
	require.NoError(t, err)
	src := string(b)
	start := strings.Index(src, "default_vm_sizes := [")
	require.GreaterOrEqual(t, start, 0)
	list := src[start : start+strings.Index(src[start:], "]")]
	var got []string
	for _, m := range regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(list, -1) {
		got = append(got, m[1])
	}
	assert.Equal(t, components.ALZDefaultVMSizes(), got)
	assert.Len(t, got, 80)
}

// TestIdleDurations: the mirror reads durations as the landing-zone Scale policy does — the
// number before a trailing S is seconds; any other form (minutes, hours) fails to parse
// there, which Azure treats as a deny, so the mirror denies it too.
func TestIdleDurations(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	for d, secs := range map[string]float64{"PT900S": 900, "PT120S": 120, "PT5400S": 5400} {
		c := with(compute, "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown", d)
		cfg := Config(profile.Guardrails{MaxNodeCount: 100, MaxNodeIdleSeconds: int(secs)})
		assert.Empty(t, ids(evaluate(t, p, one(c), nil, cfg), "deny_compute_scale"), d)
		cfg = Config(profile.Guardrails{MaxNodeCount: 100, MaxNodeIdleSeconds: int(secs) - 1})
		assert.NotEmpty(t, ids(evaluate(t, p, one(c), nil, cfg), "deny_compute_scale"), d)
	}
	for _, d := range []string{"PT15M", "PT1H30M", "PT2H", "P1D"} {
		c := with(compute, "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown", d)
		cfg := Config(profile.Guardrails{MaxNodeCount: 100, MaxNodeIdleSeconds: 1 << 30})
		v := ids(evaluate(t, p, one(c), nil, cfg), "deny_compute_scale")
		require.NotEmpty(t, v, d)
		assert.Contains(t, v[0].Message, "not in seconds", d)
	}
}

// The AST inputs built for speed (resourceValue, stackValue) are exactly the analyzer's input
// shape (resourceInput, stackInput) converted as Pulumi's OPA analyzer converts it.
func TestFastInputsAreTheAnalyzersInputs(t *testing.T) {
	doc := &plan.Document{Project: "p", Stack: "s", Outputs: map[string]any{"o": "v"}, Resources: []plan.DocResource{
		{URN: "u1", Type: "azure-native:storage:StorageAccount", Name: "st", Parent: "u0", Protect: true, ID: "/subscriptions/x",
			Inputs: map[string]any{"a": []any{"x", map[string]any{"k": true}}, "n": float64(3)}},
		{URN: "u2", Type: "azure-native:network:PrivateEndpoint", Name: "pe", Inputs: map[string]any{},
			Dependencies: []string{"u1"}, PropertyDependencies: map[string][]string{"subnet": {"u1"}, "none": nil, "empty": {}}},
	}}
	values := make([]ast.Value, len(doc.Resources))
	for i, r := range doc.Resources {
		want, err := ast.InterfaceToValue(resourceInput(r))
		require.NoError(t, err)
		got, err := resourceValue(r)
		require.NoError(t, err)
		assert.Equal(t, 0, want.Compare(got), "%s\nwant %v\ngot  %v", r.URN, want, got)
		kvs, err := resourceTerms(r, newURNTerms(doc))
		require.NoError(t, err)
		values[i] = stackResourceValue(r, kvs, newURNTerms(doc))
	}
	want, err := ast.InterfaceToValue(stackInput(doc))
	require.NoError(t, err)
	got, err := stackValue(doc, values)
	require.NoError(t, err)
	assert.Equal(t, 0, want.Compare(got), "want %v\ngot  %v", want, got)
}

// The indexes the offline plan sends the stack rules (input.__index, built in Go) are the
// objects policies/lib.rego builds over the analyzer's input, which has none: on every stack,
// and on resources whose type has no API version, has one, or is not a three-part token.
// So a stack rule finds the same under Pulumi's OPA analyzer as in the plan.
func TestStackIndexIsTheRegoIndex(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	query, err := rego.New(rego.Query("[data.azure_mlops.resource_by_urn, data.azure_mlops.resources_of_type]"),
		rego.Compiler(p.compiler), rego.SetRegoVersion(ast.RegoV0)).PrepareForEval(context.Background())
	require.NoError(t, err)
	indexes := func(input ast.Value) ast.Value {
		rs, err := query.Eval(context.Background(), rego.EvalParsedInput(input))
		require.NoError(t, err)
		require.Len(t, rs, 1)
		v, err := ast.InterfaceToValue(rs[0].Expressions[0].Value)
		require.NoError(t, err)
		return v
	}
	docs := map[string]*plan.Document{"fixture": {Project: "p", Stack: "s", Resources: []plan.DocResource{
		res("azure-native:storage/v20230101:StorageAccount", "st", `{}`),
		res("azure-native:storage:StorageAccount", "st2", `{}`),
		res("azure-mlops:index:MLOpsWorkspace", "ws", `{}`),
		res("pulumi:pulumi:Stack:extra", "odd", `{}`),
		res("custom", "bare", `{}`),
	}}}
	root := filepath.Join("..", "..")
	for _, stack := range profile.Stacks(root) {
		files, err := profile.LoadStackFiles(root, stack)
		require.NoError(t, err)
		doc, err := plan.Evaluate(plan.Options{Project: files.Project, Stack: stack, Config: files.Config, ConfigSecretKeys: files.SecretKeys}, platform.PlatformFromConfig)
		require.NoError(t, err)
		docs[stack] = doc
	}
	for name, doc := range docs {
		urns := newURNTerms(doc)
		values := make([]ast.Value, len(doc.Resources))
		for i, r := range doc.Resources {
			kvs, err := resourceTerms(r, urns)
			require.NoError(t, err)
			values[i] = stackResourceValue(r, kvs, urns)
		}
		analyzers, err := stackValue(doc, values)
		require.NoError(t, err)
		indexed := withIndex(analyzers, doc, urns)
		require.NotNil(t, indexed.Get(ast.StringTerm(indexKey)), name)
		want, got := indexes(analyzers), indexes(indexed)
		assert.Equal(t, 0, want.Compare(got), "%s: the Rego index\n%.600v\nthe Go index\n%.600v", name, want, got)
		byType := got.(*ast.Array).Elem(1).Value.(ast.Object)
		assert.Greater(t, byType.Len(), 1, name)
	}
}

// A created Azure ML registry needs its private endpoint (group amlregistry) and its
// diagnostic setting like every other private, diagnosed resource.
func TestMLRegistryStackRules(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	assert.Empty(t, ids(evaluate(t, p, stack(), nil, nil), "stack_deny_private_endpoints"))
	noPE := ids(evaluate(t, p, without(stack(), "pe-mlr"), nil, nil), "stack_deny_private_endpoints")
	require.Len(t, noPE, 1)
	assert.Contains(t, noPE[0].Message, "mlr")
	noDiag := ids(evaluate(t, p, without(stack(), "d-mlr"), nil, nil), "stack_deny_diagnostics")
	require.Len(t, noDiag, 1)
	assert.Contains(t, noDiag[0].Message, "mlr")
}
