package components

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
)

// ComputeClusterArgs describe one AmlCompute cluster.
type ComputeClusterArgs struct {
	// Cluster name (3-16 letters, digits and hyphens, starting with a letter).
	Name string `pulumi:"name"`
	// VM size, e.g. "Standard_DS3_v2" (default) or "Standard_NC4as_T4_v3". Retired sizes
	// (NCv3, NC, NCv2, ND, NV) are refused.
	VmSize string `pulumi:"vmSize,optional"`
	// "Dedicated" (default) or "LowPriority".
	VmPriority string `pulumi:"vmPriority,optional"`
	// Nodes kept running when idle. Default 0, so an idle cluster costs nothing.
	MinNodes int `pulumi:"minNodes,optional"`
	// Upper bound of the cluster (at least 1 and at least MinNodes).
	MaxNodes int `pulumi:"maxNodes"`
	// Minutes a node stays idle before it is released (1-10080). Default 15.
	IdleMinutesBeforeScaleDown int `pulumi:"idleMinutesBeforeScaleDown,optional"`
	// What the cluster is for and who pays for it, shown with the cluster in the studio
	// (e.g. "nightly retraining, team fraud").
	Description string `pulumi:"description,optional"`
}

// newClusters creates the compute clusters: no public IPs, no SSH, local auth off, scale to
// zero, with the compute identity.
func (c *MLOpsWorkspace) newClusters(ctx *pulumi.Context, name string, p *workspacePlan, ws *azureml.Workspace,
	computeIdentityID pulumi.StringInput, computeDeps []pulumi.Resource, tags pulumi.StringMap,
) (pulumi.StringArray, error) {
	a := p.args
	clusterIDs := pulumi.StringArray{}
	for _, cl := range p.clusters {
		props := &azureml.AmlComputePropertiesArgs{
			VmSize:                      pulumi.String(cl.VmSize),
			VmPriority:                  pulumi.String(cl.VmPriority),
			OsType:                      pulumi.String("Linux"),
			EnableNodePublicIp:          pulumi.Bool(false),
			RemoteLoginPortPublicAccess: pulumi.String("Disabled"),
			IsolatedNetwork:             pulumi.Bool(false),
			ScaleSettings: &azureml.ScaleSettingsArgs{
				MinNodeCount: pulumi.Int(cl.MinNodes),
				MaxNodeCount: pulumi.Int(cl.MaxNodes),
				// In seconds: the landing-zone Scale policy Governance assigns reads the number
				// after the last designator as seconds and fails (an implicit deny) on "PT15M"
				// (Azure/Enterprise-Scale Deny-MachineLearning-ComputeCluster-Scale.json).
				NodeIdleTimeBeforeScaleDown: pulumi.String(idleDuration(cl.IdleMinutesBeforeScaleDown)),
			},
		}
		if a.ComputeSubnetId != nil {
			props.Subnet = &azureml.ResourceIdArgs{Id: a.ComputeSubnetId}
		}
		compute, err := azureml.NewCompute(ctx, name+"-"+cl.Name, &azureml.ComputeArgs{
			ComputeName:       pulumi.String(cl.Name),
			WorkspaceName:     ws.Name,
			ResourceGroupName: a.ResourceGroupName,
			Location:          a.Location,
			Identity:          computeIdentity(computeIdentityID),
			Properties: &azureml.AmlComputeArgs{
				ComputeType:      pulumi.String("AmlCompute"),
				DisableLocalAuth: pulumi.Bool(true),
				Description:      description(cl.Description),
				Properties:       props,
			},
			Tags: tags,
			// Compute waits for the private endpoints and their DNS: with policy-managed DNS the
			// records appear only after the endpoints exist, and nodes without public IPs fail
			// to register if the workspace's names do not resolve privately.
		}, childOpts(c, pulumi.DependsOn(computeDeps))...)
		if err != nil {
			return nil, err
		}
		clusterIDs = append(clusterIDs, compute.ID().ToStringOutput())
	}
	return clusterIDs, nil
}

// description leaves an empty description out of the request.
func description(d string) pulumi.StringPtrInput {
	if d == "" {
		return nil
	}
	return pulumi.String(d)
}

// defaultImageBuildCompute is the first CPU cluster (GPU sizes are the N families), or the
// first cluster.
func defaultImageBuildCompute(clusters []ComputeClusterArgs) string {
	for _, c := range clusters {
		if !strings.HasPrefix(c.VmSize, "Standard_N") {
			return c.Name
		}
	}
	return clusters[0].Name
}

// retiredVMSeries are GPU sizes Azure has retired; clusters of them cannot be created.
// learn.microsoft.com/azure/virtual-machines/sizes/retirement/retired-sizes-list (GPU: NCv3 and
// NCv3-NC24rs retired 2025-09-30; NC, NCv2, ND and NV retired 2023-09-06).
var retiredVMSeries = []struct {
	pattern *regexp.Regexp
	series  string
	date    string
}{
	{regexp.MustCompile(`(?i)^Standard_NC(6|12|24|24r)s_v3$`), "NCv3", "2025-09-30"},
	{regexp.MustCompile(`(?i)^Standard_NC(6|12|24|24r)s_v2$`), "NCv2", "2023-09-06"},
	{regexp.MustCompile(`(?i)^Standard_NC(6|12|24|24r)$`), "NC", "2023-09-06"},
	{regexp.MustCompile(`(?i)^Standard_ND(6|12|24|24r)s$`), "ND", "2023-09-06"},
	{regexp.MustCompile(`(?i)^Standard_NV(6|12|24)$`), "NV", "2023-09-06"},
}

// checkNotRetired refuses a retired VM size, naming current replacements.
func checkNotRetired(field, size string) error {
	for _, r := range retiredVMSeries {
		if r.pattern.MatchString(size) {
			return fmt.Errorf("%s: %s (%s series) was retired on %s; use a current GPU size such as Standard_NC4as_T4_v3 "+
				"(NCasT4_v3), Standard_NC24ads_A100_v4 (NC A100 v4) or Standard_NC40ads_H100_v5 (NCads H100 v5)", field, size, r.series, r.date)
		}
	}
	return nil
}

// computeIdentity is the identity clusters and compute instances run as: the workspace's
// compute identity (user-assigned, data-plane roles only), never its control-plane identity.
func computeIdentity(id pulumi.StringInput) *azureml.ManagedServiceIdentityArgs {
	return &azureml.ManagedServiceIdentityArgs{
		Type:                   pulumi.String("UserAssigned"),
		UserAssignedIdentities: pulumi.StringArray{id},
	}
}
