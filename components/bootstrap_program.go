package components

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// BootstrapProject is the bootstrap program's project name (its config namespace).
const BootstrapProject = "azure-mlops-bootstrap"

// BootstrapProgram is the bootstrap/ program (bootstrap/Pulumi.yaml, config namespace
// azure-mlops-bootstrap): it reads the stack's configuration into BootstrapArgs, builds the
// component and returns the stack outputs the pipelines are wired with.
func BootstrapProgram(ctx *pulumi.Context) (pulumi.Map, error) {
	get := func(key string) string { v, _ := ctx.GetConfig(BootstrapProject + ":" + key); return v }
	object := func(key string, into any) error {
		if v := get(key); v != "" {
			if err := json.Unmarshal([]byte(v), into); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
		return nil
	}
	args := &BootstrapArgs{
		Location:          pulumi.String(get("location")),
		SubscriptionId:    get("subscriptionId"),
		Workload:          get("workload"),
		ResourceGroupName: get("resourceGroupName"),
	}
	if s := get("logAnalyticsWorkspaceId"); s != "" {
		args.LogAnalyticsWorkspaceId = pulumi.String(s)
	}
	var zones map[string]string
	for key, into := range map[string]any{"allowedIpRanges": &args.AllowedIpRanges, "environments": &args.Environments,
		"tags": &args.Tags, "privateDnsZoneIds": &zones} {
		if err := object(key, into); err != nil {
			return nil, err
		}
	}
	if s := get("privateEndpointSubnetId"); s != "" {
		args.PrivateEndpointSubnetId = pulumi.String(s)
	}
	if len(zones) > 0 {
		args.PrivateDnsZoneIds = map[string]pulumi.StringInput{}
		for k, v := range zones {
			args.PrivateDnsZoneIds[k] = pulumi.String(v)
		}
	}
	b, err := NewBootstrap(ctx, "delivery", args)
	if err != nil {
		return nil, err
	}
	return pulumi.Map{
		"stateStorageAccountName": b.StateStorageAccountName,
		"backendUrls":             b.BackendUrls,
		"secretsProviders":        b.SecretsProviders,
		"deployerClientIds":       b.DeployerClientIds,
		"previewerClientIds":      b.PreviewerClientIds,
	}, nil
}
