package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
)

// newDiagnostics sends the diagnostics of everything the workspace creates to the central
// Log Analytics workspace.
func (c *MLOpsWorkspace) newDiagnostics(ctx *pulumi.Context, name string, law pulumi.StringInput, st *azurelean.StorageAccountResource,
	workspaceID, registryID pulumi.StringInput, storageID pulumi.StringOutput,
) error {
	for _, d := range []struct {
		suffix  string
		target  pulumi.StringInput
		profile diagnostics.Profile
	}{
		{"mlw-diag", workspaceID, diagnostics.LogsAndMetrics},
		{"cr-diag", registryID, diagnostics.LogsAndMetrics},
		{"st-diag", storageID, diagnostics.StorageAccount},
	} {
		if _, err := diagnostics.Enable(ctx, c, name+"-"+d.suffix, d.target, law, d.profile); err != nil {
			return err
		}
	}
	for _, svc := range diagnostics.StorageServices {
		svcID := storageID.ApplyT(func(id string) string { return id + "/" + svc + "/default" }).(pulumi.StringOutput)
		if _, err := diagnostics.Enable(ctx, c, name+"-st-"+svc+"-diag", svcID, law, diagnostics.StorageService, pulumi.DependsOn([]pulumi.Resource{st})); err != nil {
			return err
		}
	}
	return nil
}
