// Runs index.ts under @pulumi/pulumi mocks: the components are remote (the Go provider builds
// their children), so this checks what a TypeScript program sends them - the wiring.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

type Registered = { type: string; name: string; inputs: any };
const registered: Registered[] = [];

const outputs: Record<string, Record<string, string>> = {
    "azure-mlops:index:SharedServices": {
        keyVaultId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-mlops-dev-abcd",
        appInsightsId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/components/appi-mlops-dev",
        logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-mlops-dev",
        privateEndpointSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-pe",
        keyVaultUri: "https://kv-mlops-dev-abcd.vault.azure.net/",
    },
    "azure-mlops:index:MLOpsWorkspace": {
        workspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-dev",
        discoveryUrl: "https://westeurope.api.azureml.ms/discovery",
    },
};

pulumi.runtime.setMocks({
    newResource(args: pulumi.runtime.MockResourceArgs) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: { ...args.inputs, ...(outputs[args.type] ?? {}) } };
    },
    call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
    },
}, "azure-mlops-example-typescript", "dev", false);

function value<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply(resolve));
}

test("the workspace takes SharedServices' typed outputs", async () => {
    const program = await import("./index");
    assert.equal(await value(program.workspaceId), outputs["azure-mlops:index:MLOpsWorkspace"].workspaceId);
    assert.equal(await value(program.keyVaultUri), outputs["azure-mlops:index:SharedServices"].keyVaultUri);

    const shared = registered.find((r) => r.type === "azure-mlops:index:SharedServices");
    const ws = registered.find((r) => r.type === "azure-mlops:index:MLOpsWorkspace");
    assert.ok(shared && ws, "both components are registered with their schema tokens");
    assert.equal(shared.inputs.network.privateEndpointSubnetPrefix, "10.60.0.0/24");
    const so = outputs["azure-mlops:index:SharedServices"];
    assert.equal(ws.inputs.keyVaultId, so.keyVaultId);
    assert.equal(ws.inputs.appInsightsId, so.appInsightsId);
    assert.equal(ws.inputs.logAnalyticsWorkspaceId, so.logAnalyticsWorkspaceId);
    assert.equal(ws.inputs.privateEndpoints.subnetId, so.privateEndpointSubnetId);
    assert.equal(ws.inputs.privateEndpoints.dnsMode, "Existing");
    assert.equal(ws.inputs.isolationMode, "AllowOnlyApprovedOutbound");
    assert.deepEqual(ws.inputs.computeClusters, [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 4 }]);
    assert.equal(ws.inputs.outboundRules[0].type, "FQDN");
});
