// SharedServices with the environment's private network, and one project's workspace wired to
// it through typed outputs - the TypeScript twin of examples/go.
import * as azuremlops from "@azure-mlops/pulumi-azure-mlops";

const resourceGroupName = "rg-mlops-example";
const location = "westeurope";

const shared = new azuremlops.SharedServices("shared", {
    resourceGroupName,
    location,
    workload: "mlops",
    environment: "dev",
    network: {
        addressSpace: "10.60.0.0/22",
        privateEndpointSubnetPrefix: "10.60.0.0/24",
        clientSubnetPrefix: "10.60.1.0/24",
    },
});

const workspace = new azuremlops.MLOpsWorkspace("fraud", {
    resourceGroupName,
    location,
    project: "fraud",
    environment: "dev",
    keyVaultId: shared.keyVaultId,
    appInsightsId: shared.appInsightsId,
    logAnalyticsWorkspaceId: shared.logAnalyticsWorkspaceId,
    isolationMode: azuremlops.IsolationMode.AllowOnlyApprovedOutbound,
    privateEndpoints: {
        subnetId: shared.privateEndpointSubnetId,
        dnsMode: azuremlops.DnsMode.Existing,
        privateDnsZoneIds: shared.privateDnsZoneIds,
    },
    computeClusters: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 4 }],
    outboundRules: [{ name: "huggingface", type: azuremlops.OutboundRuleType.FQDN, destination: "huggingface.co" }],
});

export const workspaceId = workspace.workspaceId;
export const discoveryUrl = workspace.discoveryUrl;
export const keyVaultUri = shared.keyVaultUri;
