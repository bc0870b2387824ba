package azure_mlops

import future.keywords.in

# METADATA
# title: Log Analytics accepts Entra ID callers only
# custom:
#   mirrors: Azure Policy e15effd4-2278-4c65-a0da-4d6f6d1890e2 (Log Analytics Workspaces should block non-Azure Active Directory based ingestion)
#   fix: set features.disableLocalAuth to true
deny_log_analytics_local_auth[msg] {
	is_type("azure-native:operationalinsights:Workspace")
	not input.features.disableLocalAuth == true
	msg := sprintf("%s: local (shared key) authentication must be disabled", [input.__name])
}

# METADATA
# title: Application Insights accepts Entra ID callers only
# custom:
#   mirrors: Azure Policy 199d5677-e4d9-4264-9465-efe1839c06bd (Application Insights components should block non-Azure Active Directory based ingestion.)
#   fix: set disableLocalAuth to true
deny_app_insights_local_auth[msg] {
	is_type("azure-native:insights:Component")
	not input.disableLocalAuth == true
	msg := sprintf("%s: local (instrumentation key) authentication must be disabled", [input.__name])
}

# METADATA
# title: Application Insights is workspace-based
# custom:
#   mirrors: Azure Policy d550e854-df1a-4de9-bf44-cd894b39a95e (Azure Monitor Logs for Application Insights should be linked to a Log Analytics workspace)
#   fix: set workspaceResourceId and ingestionMode LogAnalytics
deny_app_insights_workspace_based[msg] {
	is_type("azure-native:insights:Component")
	not workspace_based
	msg := sprintf("%s: the component must be workspace-based (workspaceResourceId, ingestionMode LogAnalytics)", [input.__name])
}

workspace_based {
	input.ingestionMode == "LogAnalytics"
	input.workspaceResourceId
}

# monitoring_endpoint: Log Analytics workspaces and Application Insights components.
monitoring_endpoint {
	is_type("azure-native:operationalinsights:Workspace")
}

monitoring_endpoint {
	is_type("azure-native:insights:Component")
}

# METADATA
# title: Monitoring endpoints are private
# custom:
#   mirrors: Azure Policy 6c53d030-cc64-46f0-906d-2bc061cd1334 (Log Analytics workspaces should block log ingestion and querying from public networks)
#   fix: add an Azure Monitor Private Link Scope, then disable public ingestion and query
warn_monitoring_public_access[msg] {
	monitoring_endpoint
	some k in {"publicNetworkAccessForIngestion", "publicNetworkAccessForQuery"}
	object.get(input, k, "Enabled") == "Enabled"
	msg := sprintf("%s: %s is Enabled (no Azure Monitor Private Link Scope yet); local auth is disabled, so only Entra ID callers get in", [input.__name, k])
}

# METADATA
# title: Every resource sends diagnostics to the central Log Analytics workspace
# custom:
#   mirrors: Microsoft cloud security benchmark LT-3/LT-5; Azure Policy cf820ca0-f99e-4f3e-84fb-66e913812d21 (Resource logs in Key Vault should be enabled) and the ML diagnostic-log audits
#   fix: add a diagnostic setting (diagnostics.Enable) that sends the resource's logs to the central workspace
stack_deny_diagnostics[msg] {
	some t in diagnosed_types
	some r in stack_resources(t)
	not r.__urn in centrally_diagnosed
	msg := sprintf("%s (%s): no diagnostic setting sends its logs to the central Log Analytics workspace", [r.__name, base_type(r.__type)])
}

diagnosed_types := {
	"azure-native:keyvault:Vault",
	"azure-native:containerregistry:Registry",
	"azure-native:storage:StorageAccount",
	"azure-native:machinelearningservices:Workspace",
	"azure-native:machinelearningservices:Registry",
	"azure-native:network:VirtualNetwork",
	"azure-native:network:NetworkSecurityGroup",
}

# centrally_diagnosed: URNs of the resources a diagnostic setting sends to the central workspace.
centrally_diagnosed := {u |
	some d in stack_resources("azure-native:insights:DiagnosticSetting")
	central_workspace(d)
	some u in d.propertyDependencies.resourceUri
}

# The destination is a Log Analytics workspace of this stack, or the configured central one.
central_workspace(d) {
	dependency_of_type(d, "workspaceId", "azure-native:operationalinsights:Workspace")
}

central_workspace(d) {
	d.workspaceId == param("stack_deny_diagnostics", "centralWorkspaceId", "")
}

central_workspace(d) {
	# SharedServices given an existing workspace id passes it through as a plain value.
	count(object.get(d.propertyDependencies, "workspaceId", [])) == 0
	contains(lower(d.workspaceId), "/providers/microsoft.operationalinsights/workspaces/")
}
