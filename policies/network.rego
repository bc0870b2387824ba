package azure_mlops

import future.keywords.in

# Private link targets and the group ids each offers.
endpoint_groups := {
	"azure-native:machinelearningservices:Workspace": {"amlworkspace"},
	"azure-native:storage:StorageAccount": {"blob", "file", "queue", "table", "dfs", "web"},
	"azure-native:keyvault:Vault": {"vault"},
	"azure-native:containerregistry:Registry": {"registry"},
	"azure-native:machinelearningservices:Registry": {"amlregistry"},
}

# METADATA
# title: Private resources have private endpoints
# custom:
#   mirrors: Azure Policy 45e05259-1eb5-4f70-9574-baf73e9d219b (Azure Machine Learning workspaces should use private link); 6edd7eda-6dd8-40f7-810d-67160c639cd9 (Storage accounts should use private link); a6abeaec-4d90-4a02-805f-6b26c4d3fbe9 (Azure Key Vaults should use private link); e8eef0a8-67cf-4eb4-9386-14b0e78733d4 (Container registries should use private link)
#   fix: give the component privateEndpoints (MLOpsWorkspace) or network/privateEndpoints (SharedServices)
stack_deny_private_endpoints[msg] {
	some t, _ in endpoint_groups
	some r in stack_resources(t)
	not r.__urn in private_endpoint_targets
	msg := sprintf("%s (%s): public access is disabled but no private endpoint reaches it", [r.__name, base_type(r.__type)])
}

# private_endpoint_targets: URNs of the resources some private endpoint connects to.
private_endpoint_targets := {u |
	some pe in stack_resources("azure-native:network:PrivateEndpoint")
	some u in pe.propertyDependencies.privateLinkServiceConnections
}

# METADATA
# title: Private endpoints target the right resource and group
# custom:
#   mirrors: Microsoft cloud security benchmark NS-2 (secure cloud services with network controls)
#   fix: point privateLinkServiceId at the resource whose group id the endpoint requests
stack_deny_private_endpoint_target[msg] {
	some pe in stack_resources("azure-native:network:PrivateEndpoint")
	some conn in pe.privateLinkServiceConnections
	some g in conn.groupIds
	some u in pe.propertyDependencies.privateLinkServiceConnections
	target := resource_by_urn[u]
	groups := endpoint_groups[base_type(target.__type)]
	not g in groups
	msg := sprintf("%s: requests group %s from %s, which offers %s", [pe.__name, g, target.__name, concat(", ", groups)])
}

stack_deny_private_endpoint_target[msg] {
	some pe in stack_resources("azure-native:network:PrivateEndpoint")
	some conn in pe.privateLinkServiceConnections
	some u in pe.propertyDependencies.privateLinkServiceConnections
	target := resource_by_urn[u]
	target.__id
	conn.privateLinkServiceId != target.__id
	msg := sprintf("%s: privateLinkServiceId %s is not the id of %s (%s)", [pe.__name, conn.privateLinkServiceId, target.__name, target.__id])
}

# METADATA
# title: Subnets have a network security group
# custom:
#   mirrors: Azure Policy e71308d3-144b-4262-b144-efdc3cc90517 (Subnets should be associated with a Network Security Group)
#   fix: attach an NSG to the subnet
deny_subnet_without_nsg[msg] {
	is_type("azure-native:network:Subnet")
	not input.networkSecurityGroup.id
	msg := sprintf("%s: the subnet has no network security group", [input.__name])
}

# METADATA
# title: Private DNS zones do not auto-register VMs
# custom:
#   mirrors: CAF private DNS guidance (records come from private endpoint zone groups)
#   fix: set registrationEnabled to false on the virtual network link
deny_private_dns_autoregistration[msg] {
	is_type("azure-native:network:VirtualNetworkLink")
	input.registrationEnabled == true
	msg := sprintf("%s: auto-registration would let VMs write records into a privatelink zone", [input.__name])
}

# METADATA
# title: Private endpoint DNS zone groups name a zone for every entry
# custom:
#   mirrors: Microsoft "Azure Private Endpoint DNS integration" (a zone group adds the endpoint's A records to each zone it names; learn.microsoft.com/azure/private-link/private-endpoint-dns-integration)
#   fix: create the group's private DNS zones (network.privateLinkGroups) or pass their ids in privateDnsZoneIds
deny_private_dns_zone_group_entry[msg] {
	is_type("azure-native:network:PrivateDnsZoneGroup")
	some c in input.privateDnsZoneConfigs
	not c.privateDnsZoneId
	msg := sprintf("%s: entry %s names no private DNS zone, so the endpoint's name keeps resolving to the public address", [input.__name, c.name])
}

# METADATA
# title: Secrets never appear in plain stack outputs
# custom:
#   mirrors: Microsoft cloud security benchmark DP-6/IM-8 (do not expose credentials)
#   fix: wrap the value with pulumi.ToSecret
stack_deny_plain_secret_output[msg] {
	some k, v in object.get(input, "outputs", {})
	is_string(v)
	regex.match(`(?i)(instrumentationkey=|accountkey=|sharedaccesskey=|password=|client_secret)`, v)
	msg := sprintf("stack output %s holds a credential in plain text; make it a secret", [k])
}
