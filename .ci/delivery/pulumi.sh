#!/usr/bin/env bash
# Runs the Pulumi CLI on one stack of the platform against its state in Azure Blob Storage,
# as whatever identity the Azure CLI is logged in as (GitHub: azure/login with OIDC; Azure
# DevOps: AzureCLI@2 with a workload-identity service connection). No secret is read: the
# azblob backend and the azurekeyvault secrets provider use DefaultAzureCredential, which
# falls back to the Azure CLI login.
# Usage: .ci/delivery/pulumi.sh <stack> preview|up|drift
# Environment: PULUMI_STATE_ACCOUNT (bootstrap output stateStorageAccountName),
#              ARM_SUBSCRIPTION_ID (the platform's subscription),
#              PULUMI_SECRETS_PROVIDER (bootstrap output secretsProviders.<stack>).
set -euo pipefail
stack=${1:?usage: pulumi.sh <stack> preview|up|drift}
action=${2:?usage: pulumi.sh <stack> preview|up|drift}
: "${PULUMI_STATE_ACCOUNT:?is the bootstrap output stateStorageAccountName}"
: "${ARM_SUBSCRIPTION_ID:?is the subscription the platform deploys to}"
: "${PULUMI_SECRETS_PROVIDER:?is the bootstrap output secretsProviders.<stack>}"
export AZURE_STORAGE_ACCOUNT=$PULUMI_STATE_ACCOUNT
export PULUMI_BACKEND_URL="azblob://state-$stack"
export PULUMI_SKIP_UPDATE_CHECK=true
# The azure-native provider authenticates through the Azure CLI login too: its default when
# no client secret, certificate, OIDC or MSI setting is given.

# Creates the stack in its backend on the first run, with the Key Vault key as its secrets
# provider (pulumi.com/docs/iac/concepts/secrets/#available-encryption-providers).
pulumi stack select --create --secrets-provider "$PULUMI_SECRETS_PROVIDER" "$stack"
case "$action" in
  preview)
    pulumi preview --stack "$stack" --diff --non-interactive
    ;;
  up)
    # The bootstrap created the environment's resource group (the deployer's role scope); the
    # first deployment adopts it instead of trying to create it.
    rg=$(jq -r '.outputs.resourceGroupName' "out/plan-$stack.json")
    if ! pulumi stack export --stack "$stack" | jq -e --arg rg "$rg" \
        '.deployment.resources // [] | any(.type == "azure-native:resources:ResourceGroup" and .id != null and (.id | endswith("/resourceGroups/" + $rg)))' >/dev/null; then
      pulumi import --stack "$stack" --yes --non-interactive --generate-code=false \
        azure-native:resources:ResourceGroup rg "/subscriptions/$ARM_SUBSCRIPTION_ID/resourceGroups/$rg"
    fi
    pulumi up --stack "$stack" --yes --diff --non-interactive
    ;;
  drift)
    # Fails (exit 255) when Azure no longer matches the state: someone changed a resource
    # outside the pipeline.
    pulumi preview --stack "$stack" --refresh --expect-no-changes --diff --non-interactive
    ;;
  *)
    echo "unknown action $action (preview, up, drift)" >&2
    exit 2
    ;;
esac
