package components

import (
	containerregistry "github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2/v20231101preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// newWorkspaceRegistry is the workspace's private container registry: Premium (private
// endpoints need it), no admin user, no anonymous pull, no export.
func newWorkspaceRegistry(ctx *pulumi.Context, name string, p *workspacePlan, tags pulumi.StringMap, stateful []pulumi.ResourceOption) (*azurelean.RegistryResource, error) {
	a := p.args
	zoneRedundancy := "Disabled"
	if a.ContainerRegistryZoneRedundancy {
		zoneRedundancy = "Enabled"
	}
	return azurelean.ContainerRegistry(ctx, name+"-cr", &containerregistry.RegistryArgs{
		RegistryName:      pulumi.String(p.crName),
		ResourceGroupName: a.ResourceGroupName,
		Location:          a.Location,
		Sku:               &containerregistry.SkuArgs{Name: pulumi.String(containerRegistrySku)},
		AdminUserEnabled:  pulumi.Bool(false),
		// anonymousPullEnabled exists only in preview API versions; hence v20231101preview.
		AnonymousPullEnabled:     pulumi.Bool(false),
		PublicNetworkAccess:      pulumi.String("Disabled"),
		NetworkRuleBypassOptions: pulumi.String("AzureServices"),
		DataEndpointEnabled:      pulumi.Bool(false),
		ZoneRedundancy:           pulumi.String(zoneRedundancy),
		Policies: &containerregistry.PoliciesArgs{
			// Images cannot be exported out of the private registry.
			ExportPolicy: &containerregistry.ExportPolicyArgs{Status: pulumi.String("disabled")},
			// Only Entra tokens scoped to the registry, not ARM-audience tokens.
			AzureADAuthenticationAsArmPolicy: &containerregistry.AzureADAuthenticationAsArmPolicyArgs{Status: pulumi.String("disabled")},
			RetentionPolicy: &containerregistry.RetentionPolicyArgs{
				Days: pulumi.Int(untaggedManifestRetention), Status: pulumi.String("enabled"),
			},
		},
		Tags: tags,
	}, stateful...)
}
