// Example: one environment of the platform in Go — a resource group, the shared services and
// one project's ML workspace wired to them through typed outputs.
//
// Deploy with `pulumi up` in this directory (Pulumi CLI, Azure credentials), or evaluate it
// offline with `go test ./examples/go/`.
package main

import (
	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
)

// program is the whole example; main runs it, the test runs it under mocks.
func program(ctx *pulumi.Context) error {
	rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{
		ResourceGroupName: pulumi.String("rg-mlops-example"),
		Location:          pulumi.String("westeurope"),
	})
	if err != nil {
		return err
	}

	shared, err := components.NewSharedServices(ctx, "shared", &components.SharedServicesArgs{
		ResourceGroupName: rg.Name,
		Location:          rg.Location,
		Workload:          "mlops",
		Environment:       "dev",
		NamingSeed:        "rg-mlops-example",
		// The environment's network: the registry below is private, so its endpoint goes here.
		Network: &components.PrivateNetworkArgs{AddressSpace: "10.60.0.0/22", PrivateEndpointSubnetPrefix: "10.60.0.0/24"},
		// The Azure ML registry models and components are promoted through: created here
		// (public access off, private endpoint, diagnostics). Another environment would set
		// ExistingRegistryId (and Access Consume for read-only workspaces) instead.
		MlRegistry: &components.MLRegistryArgs{StorageAccountType: "Standard_ZRS", Access: components.RegistryAccessPublish},
	})
	if err != nil {
		return err
	}

	ws, err := components.NewMLOpsWorkspace(ctx, "fraud", &components.MLOpsWorkspaceArgs{
		ResourceGroupName: rg.Name,
		Location:          rg.Location,
		Project:           "fraud",
		Environment:       "dev",
		NamingSeed:        "rg-mlops-example",
		// Typed outputs of SharedServices, never names re-derived from strings.
		KeyVaultId:              shared.KeyVaultId,
		AppInsightsId:           shared.AppInsightsId,
		LogAnalyticsWorkspaceId: shared.LogAnalyticsWorkspaceId,
		IsolationMode:           components.IsolationAllowOnlyApprovedOutbound.Ptr(),
		ComputeClusters: []components.ComputeClusterArgs{
			{Name: "cpu", VmSize: "Standard_DS3_v2", MaxNodes: 4},
		},
		// Team access: Entra groups (object ids) per persona; each gets Microsoft's documented
		// roles on the workspace, its storage and the datastores (README, "Team access").
		Access: &components.TeamAccessArgs{
			DataScientists: []string{"3f2a8c1e-5b7d-4e90-a1c4-7d2e9b6f0a13"},
			MlEngineers:    []string{"8b41d0f7-2c9e-4a6b-b3d8-15e7c4a92f60"},
			Readers:        []string{"c7e95a24-6f1b-4d3c-8e02-9a4b7d1f3e58"},
		},
		// Curated data of the data landing zone, as an identity-based datastore: the managed
		// network gets private endpoints to the account (dfs and blob), the compute identity
		// reads it, the studio previews it with the workspace identity.
		Datastores: []components.DatastoreArgs{{
			Name:             "fraud_transactions",
			StorageAccountId: "/subscriptions/5d3b2a1c-7e6f-4a90-b8c7-2f1e0d9c8b7a/resourceGroups/rg-dlz-dev-data/providers/Microsoft.Storage/storageAccounts/stdlzdevcurated",
			Container:        "transactions",
			Kind:             "AzureDataLakeGen2",
			Description:      "Card transactions, curated",
		}},
		// A personal notebook VM: no public IP, SSH off, stops after 60 idle minutes.
		ComputeInstances: []components.ComputeInstanceArgs{
			{Name: "fraud-alice", UserObjectId: "0a6f3e2d-9c1b-4b7a-8d5e-6f4c3b2a1e90"},
		},
		PrivateEndpoints: shared.WorkspacePrivateEndpoints(),
		// The registry's id and access from SharedServices: an outbound rule from the managed
		// network to it, and AzureML Registry User for the compute identity.
		MlRegistry: shared.WorkspaceMlRegistry(),
	})
	if err != nil {
		return err
	}

	// Budgets, alerts and the workbook of the environment, watching what was just created.
	ops, err := components.NewOperations(ctx, "operations", &components.OperationsArgs{
		ResourceGroupName:       rg.Name,
		ResourceGroupId:         rg.ID(),
		Location:                "westeurope",
		Workload:                "mlops",
		Environment:             "dev",
		LogAnalyticsWorkspaceId: shared.LogAnalyticsWorkspaceId,
		AlertEmails:             []string{"ml-platform-dev@contoso.com"},
		MonthlyBudget:           1500,
		BudgetStartDate:         "2026-12-01",
		ProjectBudgets:          []components.ProjectBudgetArgs{{Project: "fraud", Amount: 800}},
		Workspaces: []components.MonitoredWorkspaceArgs{{Project: "fraud", WorkspaceId: ws.WorkspaceId,
			StorageAccountId: ws.StorageAccountId, ContainerRegistryId: ws.ContainerRegistryId, ContainerRegistryName: ws.ContainerRegistryName}},
		Workbook: true,
	})
	if err != nil {
		return err
	}

	ctx.Export("workspaceId", ws.WorkspaceId)
	ctx.Export("actionGroupId", ops.ActionGroupId)
	ctx.Export("workspaceName", ws.WorkspaceName)
	ctx.Export("discoveryUrl", ws.DiscoveryUrl)
	ctx.Export("computeInstanceIds", ws.ComputeInstanceIds)
	ctx.Export("keyVaultUri", shared.KeyVaultUri)
	ctx.Export("appInsightsConnectionString", shared.AppInsightsConnectionString)
	ctx.Export("mlRegistryId", shared.MlRegistryId)
	return nil
}

func main() { pulumi.Run(program) }
