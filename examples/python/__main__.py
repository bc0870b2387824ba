"""SharedServices with the environment's private network, and one project's workspace wired
to it through typed outputs - the Python twin of examples/go."""
import pulumi
import pulumi_azure_mlops as azuremlops

resource_group_name = "rg-mlops-example"
location = "westeurope"

shared = azuremlops.SharedServices(
    "shared",
    resource_group_name=resource_group_name,
    location=location,
    workload="mlops",
    environment="dev",
    network=azuremlops.NetworkSettingsArgs(
        address_space="10.60.0.0/22",
        private_endpoint_subnet_prefix="10.60.0.0/24",
        client_subnet_prefix="10.60.1.0/24",
    ),
)

workspace = azuremlops.MLOpsWorkspace(
    "fraud",
    resource_group_name=resource_group_name,
    location=location,
    project="fraud",
    environment="dev",
    key_vault_id=shared.key_vault_id,
    app_insights_id=shared.app_insights_id,
    log_analytics_workspace_id=shared.log_analytics_workspace_id,
    isolation_mode=azuremlops.IsolationMode.ALLOW_ONLY_APPROVED_OUTBOUND,
    private_endpoints=azuremlops.PrivateEndpointsArgs(
        subnet_id=shared.private_endpoint_subnet_id,
        dns_mode=azuremlops.DnsMode.EXISTING,
        private_dns_zone_ids=shared.private_dns_zone_ids,
    ),
    compute_clusters=[azuremlops.ComputeClusterArgs(name="cpu", vm_size="Standard_DS3_v2", max_nodes=4)],
)

pulumi.export("workspaceId", workspace.workspace_id)
pulumi.export("discoveryUrl", workspace.discovery_url)
