package components

// LogTable is a Log Analytics table the platform's diagnostic settings fill, with the columns
// queries here may use (Microsoft's table reference) and what sends it.
type LogTable struct {
	// SentBy: the resource type and diagnostic setting part (diagnostics.LogsAndMetrics) that fills it.
	SentBy  string
	Source  string
	Columns []string
}

// LogTables are the tables the alerts and the workbook query. Azure Machine Learning sends its
// resource logs (category group allLogs) to resource-specific tables
// (learn.microsoft.com/azure/machine-learning/monitor-resource-reference#resource-logs); the
// metric categories of every diagnosed resource (AllMetrics; Transaction for storage accounts
// and their services, pkg/diagnostics) land in AzureMetrics.
var LogTables = map[string]LogTable{
	"AmlRunStatusChangedEvent": {
		SentBy: "Microsoft.MachineLearningServices/workspaces allLogs",
		Source: "learn.microsoft.com/azure/azure-monitor/reference/tables/amlrunstatuschangedevent",
		Columns: []string{"CallerIpAddress", "CorrelationId", "DurationMs", "Identity", "Level", "Location", "Message",
			"OperationName", "OperationVersion", "ParentRunId", "_ResourceId", "ResultDescription", "ResultSignature", "ResultType",
			"RootRunId", "RunId", "SourceSystem", "Status", "_SubscriptionId", "TenantId", "TimeGenerated", "TriggeringUserName",
			"Type", "WorkspaceId", "WorkspaceName"},
	},
	"AmlComputeClusterEvent": {
		SentBy: "Microsoft.MachineLearningServices/workspaces allLogs",
		Source: "learn.microsoft.com/azure/azure-monitor/reference/tables/amlcomputeclusterevent",
		Columns: []string{"AllocationState", "AllocationStateTransitionTime", "ClusterErrorCodes", "ClusterName", "ClusterType",
			"CoreCount", "CreatedBy", "CreationApiVersion", "CurrentNodeCount", "EventType", "IdleNodeCount", "InitialNodeCount",
			"InternalOperationName", "IsResizeGrow", "LeavingNodeCount", "MaximumNodeCount", "MinimumNodeCount",
			"NodeDeallocationOption", "NodeIdleTimeSecondsBeforeScaleDown", "Offer", "OperationName", "PreemptedNodeCount",
			"PreparingNodeCount", "ProvisioningState", "Publisher", "QuotaAllocated", "QuotaUtilized", "_ResourceId",
			"ResultSignature", "RunningNodeCount", "ScalingType", "Sku", "SourceSystem", "SubnetId", "_SubscriptionId",
			"TargetNodeCount", "TenantId", "TimeGenerated", "Type", "UnusableNodeCount", "Version", "VmFamilyName", "VmPriority",
			"VmSize"},
	},
	"AzureMetrics": {
		SentBy: "AllMetrics of Microsoft.MachineLearningServices/workspaces, Microsoft.KeyVault/vaults and Microsoft.ContainerRegistry/registries; Transaction of Microsoft.Storage/storageAccounts and their blob, file, queue and table services",
		Source: "learn.microsoft.com/azure/azure-monitor/reference/tables/azuremetrics",
		// The reference's non-deprecated columns (MicrosoftDocs/azure-reference-other
		// azure-monitor-ref/tables/azuremetrics.md); it has no TenantId column.
		Columns: []string{"Average", "Count", "Maximum", "MetricName", "Minimum", "Resource", "ResourceGroup", "ResourceId",
			"ResourceProvider", "_ResourceId", "SourceSystem", "SubscriptionId", "_SubscriptionId", "TimeGenerated", "TimeGrain", "Total",
			"Type", "UnitName"},
	},
}
