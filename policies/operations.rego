package azure_mlops

import future.keywords.in

# METADATA
# title: Alerts notify an action group
# custom:
#   mirrors: Azure Monitor baseline alerts (azure.github.io/azure-monitor-baseline-alerts), where every alert rule routes to an action group
#   fix: give the alert rule an action group (Operations wires every alert to its action group)
deny_alert_action_group[msg] {
	is_type("azure-native:insights:MetricAlert")
	count([a | some a in object.get(input, "actions", []); a.actionGroupId]) == 0
	msg := sprintf("%s: the metric alert notifies no action group; it would fire unseen", [input.__name])
}

deny_alert_action_group[msg] {
	is_type("azure-native:insights:ScheduledQueryRule")
	count(object.get(object.get(input, "actions", {}), "actionGroups", [])) == 0
	msg := sprintf("%s: the log alert notifies no action group; it would fire unseen", [input.__name])
}

# METADATA
# title: Budgets notify someone
# custom:
#   mirrors: Cost Management budgets (learn.microsoft.com/azure/cost-management-billing/costs/tutorial-acm-create-budgets), which alert only through their notifications
#   fix: give the budget an enabled notification with contactEmails or contactGroups (Operations sets both)
deny_budget_notification[msg] {
	is_type("azure-native:consumption:Budget")
	count([n |
		some n in object.get(input, "notifications", {})
		n.enabled == true
		count(object.get(n, "contactEmails", [])) + count(object.get(n, "contactGroups", [])) > 0
	]) == 0
	msg := sprintf("%s: no enabled notification with a contact; the budget would be exceeded silently", [input.__name])
}

# METADATA
# title: Locks are on resources, not on the resource group or the ML workspaces
# custom:
#   mirrors: learn.microsoft.com/azure/machine-learning/how-to-managed-network#limitations (remove locks that prevent deleting what Azure ML and its managed network create) and learn.microsoft.com/azure/azure-resource-manager/management/lock-resources (locks are inherited by child resources)
#   fix: lock the stateful resources (Log Analytics, vaults, storage, registries) one by one
deny_lock_scope[msg] {
	is_type("azure-native:authorization:ManagementLockByScope")
	scope := trim_right(input.scope, "/")
	regex.match(`(?i)^/subscriptions/[^/]+(/resourcegroups/[^/]+)?$`, scope)
	msg := sprintf("%s: a lock on %s is inherited by everything Azure ML creates and deletes there; lock the stateful resources instead", [input.__name, scope])
}

deny_lock_scope[msg] {
	is_type("azure-native:authorization:ManagementLockByScope")
	contains(lower(input.scope), "/providers/microsoft.machinelearningservices/workspaces/")
	msg := sprintf("%s: a lock on the ML workspace freezes its computes and outbound rules (child resources); protect its storage, vault and registry with soft delete, purge protection and Pulumi protect instead", [input.__name])
}

# METADATA
# title: Every environment has a budget
# custom:
#   mirrors: Well-Architected cost optimization, set spending guardrails (learn.microsoft.com/azure/well-architected/cost-optimization/set-spending-guardrails)
#   fix: set operations (monthlyBudget, budgetStartDate, alertEmails) in the stack
stack_warn_budget[msg] {
	count(stack_resources("azure-native:machinelearningservices:Workspace")) > 0
	count(stack_resources("azure-native:consumption:Budget")) == 0
	msg := "the environment has ML workspaces and no budget: set operations.monthlyBudget, budgetStartDate and alertEmails"
}
