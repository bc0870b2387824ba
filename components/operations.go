package components

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	containerregistry "github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2/v20231101preview"
	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureconsumption"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/regions"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/suggest"
)

// OperationsToken is the component's type token.
const OperationsToken = "azure-mlops:index:Operations"

// Budget threshold types: Actual spend, or Azure's forecast of the month's spend.
// learn.microsoft.com/azure/cost-management-billing/costs/tutorial-acm-create-budgets#configure-forecasted-budget-alerts
const (
	ThresholdActual     = "Actual"
	ThresholdForecasted = "Forecasted"
)

// DefaultBudgetThresholds: 50/80/100 % of the month's actual spend and 100 % forecast (warns before the spend exceeds the budget).
var DefaultBudgetThresholds = []BudgetThresholdArgs{{Percent: 50, Type: ThresholdActual}, {Percent: 80, Type: ThresholdActual},
	{Percent: 100, Type: ThresholdActual}, {Percent: 100, Type: ThresholdForecasted}}

const (
	// A budget holds at most five notifications (Budget.notifications in the Consumption API,
	// learn.microsoft.com/rest/api/consumption/budgets/create-or-update).
	maxBudgetNotifications = 5
	// Thresholds are percent of the amount, "between 0 and 1000" (same source); 0 alerts on
	// nothing, so 1 is the floor here.
	minBudgetThreshold, maxBudgetThreshold = 1, 1000
	// An action group's short name is at most 12 characters
	// (learn.microsoft.com/azure/azure-monitor/alerts/action-groups#create-an-action-group-in-the-azure-portal).
	maxActionGroupShortName = 12
	// "Budget start date must be on or after June 1, 2017" (BudgetProperties.timePeriod,
	// learn.microsoft.com/rest/api/consumption/budgets/create-or-update).
	minBudgetStartDate = "2017-06-01"
)

// BudgetThresholdArgs is one notification of a budget.
type BudgetThresholdArgs struct {
	// Percent of the monthly amount (1-1000).
	Percent int `pulumi:"percent"`
	// Actual (spend so far) or Forecasted (Azure's forecast of the month).
	Type string `pulumi:"type"`
}

// ProjectBudgetArgs is one project's monthly budget.
type ProjectBudgetArgs struct {
	// The project (its resources carry the tag workload=<project>).
	Project string `pulumi:"project"`
	// Monthly amount in the billing currency (> 0).
	Amount float64 `pulumi:"amount"`
}

// MonitoredWorkspaceArgs are the resources of one project the alerts and locks cover.
type MonitoredWorkspaceArgs struct {
	// The project's name.
	Project string `pulumi:"project"`
	// ARM id of the ML workspace.
	WorkspaceId pulumi.StringInput `pulumi:"workspaceId,optional"`
	// ARM id of its storage account.
	StorageAccountId pulumi.StringInput `pulumi:"storageAccountId,optional"`
	// ARM id of its Key Vault.
	KeyVaultId pulumi.StringInput `pulumi:"keyVaultId,optional"`
	// ARM id of its container registry.
	ContainerRegistryId pulumi.StringInput `pulumi:"containerRegistryId,optional"`
	// Name of its container registry, in the environment's resource group (the replica's parent).
	ContainerRegistryName pulumi.StringInput `pulumi:"containerRegistryName,optional"`
}

// OperationsArgs are the inputs of Operations: what an operator of one environment needs
// after `pulumi up` — an action group, budgets, alerts, a workbook and, in production,
// delete locks and a registry replica.
type OperationsArgs struct {
	// Resource group of the environment (the budgets' scope and the alerts' home).
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// ARM id of that resource group (the budgets' scope). Default: the resource group of that
	// name in the deployment's subscription.
	ResourceGroupId pulumi.StringInput `pulumi:"resourceGroupId,optional"`
	// Azure region of the environment, e.g. "westeurope".
	Location string `pulumi:"location"`
	// Workload name used in resource names, e.g. "mlops".
	Workload string `pulumi:"workload"`
	// Environment name used in resource names, e.g. "dev".
	Environment string `pulumi:"environment"`
	// ARM id of the central Log Analytics workspace (log alerts and the workbook query it).
	LogAnalyticsWorkspaceId pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId"`
	// The Log Analytics workspace belongs to someone else (a central one): it is not locked here.
	LogAnalyticsWorkspaceExternal bool `pulumi:"logAnalyticsWorkspaceExternal,optional"`
	// ARM id of the shared Key Vault (alerted on and locked like the projects' vaults).
	SharedKeyVaultId pulumi.StringInput `pulumi:"sharedKeyVaultId,optional"`
	// ARM id of the shared Azure ML registry this environment created, locked with the rest (unset:
	// the registry belongs to another stack, which locks it).
	MlRegistryId pulumi.StringInput `pulumi:"mlRegistryId,optional"`
	// Email addresses the action group and the budgets notify (at least one).
	AlertEmails []string `pulumi:"alertEmails"`
	// Webhooks (https) the action group calls, e.g. an on-call paging service; only where paging is on.
	AlertWebhooks []string `pulumi:"alertWebhooks,optional"`
	// Page on-call: failures and outages alert at severity 1 and call the webhooks. Off: severity 3, email only.
	Paging bool `pulumi:"paging,optional"`
	// Monthly budget of the whole environment (its resource group), in the billing currency (> 0).
	MonthlyBudget float64 `pulumi:"monthlyBudget"`
	// First month of the budgets, YYYY-MM-01.
	BudgetStartDate string `pulumi:"budgetStartDate"`
	// Budget notifications (at most 5). Default 50/80/100 % actual, 100 % forecasted.
	BudgetThresholds []BudgetThresholdArgs `pulumi:"budgetThresholds,optional"`
	// Monthly budgets per project, filtered by the project's workload tag.
	ProjectBudgets []ProjectBudgetArgs `pulumi:"projectBudgets,optional"`
	// The projects' resources, for metric alerts, locks and registry replicas.
	Workspaces []MonitoredWorkspaceArgs `pulumi:"workspaces,optional"`
	// Deploy the platform workbook (job health, compute, quota, core-hours by project) over the central workspace.
	Workbook bool `pulumi:"workbook,optional"`
	// CanNotDelete locks on the stateful resources (Log Analytics, the shared Key Vault and ML registry, each project's storage, vault and registry), never on the resource group or the workspaces; lift them (false) before deleting a workspace.
	Locks bool `pulumi:"locks,optional"`
	// Geo-replicate every project registry to this region (Premium registries; e.g. the location's Azure pair).
	RegistryReplicaLocation string `pulumi:"registryReplicaLocation,optional"`
	// Make the replicas zone-redundant, like registries created with zone redundancy (the replica region must offer availability zones).
	RegistryReplicaZoneRedundancy bool `pulumi:"registryReplicaZoneRedundancy,optional"`
	// Tags added to every resource.
	Tags map[string]string `pulumi:"tags,optional"`
}

// Operations is the action group, budgets, alerts, workbook, locks and registry replicas of
// one environment.
type Operations struct {
	pulumi.ResourceState

	// ARM id of the action group every alert and budget notifies.
	ActionGroupId pulumi.StringOutput `pulumi:"actionGroupId"`
	// Names of the budgets (environment first, then projects).
	BudgetNames pulumi.StringArrayOutput `pulumi:"budgetNames"`
	// ARM id of the workbook (empty without one).
	WorkbookId pulumi.StringOutput `pulumi:"workbookId"`
}

type operationsPlan struct {
	args       OperationsArgs
	agName     string
	shortName  string
	thresholds []BudgetThresholdArgs
	startDate  string
}

var budgetStart = regexp.MustCompile(`^(\d{4})-(0[1-9]|1[0-2])-01$`)
var emailAddress = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

func (a *OperationsArgs) plan() (*operationsPlan, error) {
	const f = "operations"
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(requireInput(f+".resourceGroupName", a.ResourceGroupName))
	add(requireInput(f+".logAnalyticsWorkspaceId", a.LogAnalyticsWorkspaceId))
	add(checkARMID(f+".logAnalyticsWorkspaceId", a.LogAnalyticsWorkspaceId, "Microsoft.OperationalInsights/workspaces"))
	add(checkARMID(f+".sharedKeyVaultId", a.SharedKeyVaultId, "Microsoft.KeyVault/vaults"))
	add(checkARMID(f+".mlRegistryId", a.MlRegistryId, "Microsoft.MachineLearningServices/registries"))
	add(checkTags(f+".tags", a.Tags))
	p := &operationsPlan{args: *a, thresholds: a.BudgetThresholds}
	if len(a.AlertEmails) == 0 {
		add(fmt.Errorf("%s.alertEmails: at least one address is required (the action group and the budgets email it)", f))
	}
	for i, e := range a.AlertEmails {
		if !emailAddress.MatchString(e) {
			add(fmt.Errorf("%s.alertEmails[%d]: %q is not an email address", f, i, e))
		}
	}
	for i, w := range a.AlertWebhooks {
		if !strings.HasPrefix(w, "https://") {
			add(fmt.Errorf("%s.alertWebhooks[%d]: must be an https:// URL", f, i))
		}
	}
	if len(a.AlertWebhooks) > 0 && !a.Paging {
		add(fmt.Errorf("%s.alertWebhooks: webhooks page on-call, and this environment only emails (set paging to page)", f))
	}
	if a.MonthlyBudget <= 0 {
		add(fmt.Errorf("%s.monthlyBudget: must be > 0 (the environment's monthly amount in the billing currency)", f))
	}
	// The Consumption API's BudgetProperties.timePeriod
	// (learn.microsoft.com/rest/api/consumption/budgets/create-or-update): "The start date must be
	// first of the month and should be less than the end date. Budget start date must be on or
	// after June 1, 2017. Future start date should not be more than twelve months. Past start date
	// should be selected within the timegrain period." The fixed bounds are checked here; the two
	// relative to today are not (the plan does not depend on the day it runs): Azure refuses them
	// at deployment (README "Budgets").
	switch {
	case !budgetStart.MatchString(a.BudgetStartDate):
		add(fmt.Errorf("%s.budgetStartDate: %q must be the first of a month, YYYY-MM-01", f, a.BudgetStartDate))
	case a.BudgetStartDate < minBudgetStartDate:
		add(fmt.Errorf("%s.budgetStartDate: %q is before %s, the earliest start Azure budgets accept", f, a.BudgetStartDate, minBudgetStartDate))
	default:
		p.startDate = a.BudgetStartDate + "T00:00:00Z"
	}
	if p.thresholds == nil {
		p.thresholds = DefaultBudgetThresholds
	}
	if len(p.thresholds) == 0 || len(p.thresholds) > maxBudgetNotifications {
		add(fmt.Errorf("%s.budgetThresholds: %d given; a budget takes 1-%d notifications", f, len(p.thresholds), maxBudgetNotifications))
	}
	seenT := map[string]int{}
	for i, t := range p.thresholds {
		k := fmt.Sprintf("%s.budgetThresholds[%d]", f, i)
		if t.Percent < minBudgetThreshold || t.Percent > maxBudgetThreshold {
			add(fmt.Errorf("%s.percent: %d is outside %d-%d", k, t.Percent, minBudgetThreshold, maxBudgetThreshold))
		}
		add(oneOf(k+".type", t.Type, ThresholdActual, ThresholdForecasted))
		key := fmt.Sprintf("%s%d", strings.ToLower(t.Type), t.Percent)
		if j, dup := seenT[key]; dup {
			add(fmt.Errorf("%s: same as budgetThresholds[%d]", k, j))
		}
		seenT[key] = i
	}
	projects := map[string]bool{}
	for i, w := range a.Workspaces {
		k := fmt.Sprintf("%s.workspaces[%d]", f, i)
		projects[w.Project] = true
		add(checkARMID(k+".workspaceId", w.WorkspaceId, "Microsoft.MachineLearningServices/workspaces"))
		add(checkARMID(k+".storageAccountId", w.StorageAccountId, "Microsoft.Storage/storageAccounts"))
		add(checkARMID(k+".keyVaultId", w.KeyVaultId, "Microsoft.KeyVault/vaults"))
		add(checkARMID(k+".containerRegistryId", w.ContainerRegistryId, "Microsoft.ContainerRegistry/registries"))
		if a.RegistryReplicaLocation != "" && w.ContainerRegistryName == nil {
			add(fmt.Errorf("%s.containerRegistryName: required with registryReplicaLocation (the replica is created under the registry)", k))
		}
	}
	seenP := map[string]int{}
	for i, b := range a.ProjectBudgets {
		k := fmt.Sprintf("%s.projectBudgets[%d]", f, i)
		if b.Amount <= 0 {
			add(fmt.Errorf("%s.amount: must be > 0", k))
		}
		if len(a.Workspaces) > 0 && !projects[b.Project] {
			known := make([]string, 0, len(projects))
			for p := range projects {
				known = append(known, p)
			}
			sort.Strings(known)
			add(fmt.Errorf("%s.project: %q is not a project of this environment%s", k, b.Project, suggest.Hint(b.Project, known)))
		}
		if j, dup := seenP[b.Project]; dup {
			add(fmt.Errorf("%s.project: %q already has a budget (projectBudgets[%d])", k, b.Project, j))
		}
		seenP[b.Project] = i
		if b.Amount > 0 && a.MonthlyBudget > 0 && b.Amount > a.MonthlyBudget {
			add(fmt.Errorf("%s.amount: %.2f exceeds the environment's monthlyBudget %.2f", k, b.Amount, a.MonthlyBudget))
		}
	}
	if r := a.RegistryReplicaLocation; r != "" {
		switch {
		case regions.CloudOf(r) == "":
			add(fmt.Errorf("%s.registryReplicaLocation: %q is not an Azure region", f, r))
		case r == a.Location:
			add(fmt.Errorf("%s.registryReplicaLocation: %q is the registry's own region; a replica goes to another (e.g. its pair %s)", f, r, regions.Pair(a.Location)))
		case regions.CloudOf(r) != regions.CloudOf(a.Location):
			add(fmt.Errorf("%s.registryReplicaLocation: %q is in another cloud than %q", f, r, a.Location))
		}
	}
	if _, err := naming.New(f+".workload", a.Workload, f+".environment", a.Environment, ""); err != nil {
		add(err)
	}
	p.agName = fmt.Sprintf("ag-%s-%s", a.Workload, a.Environment)
	p.shortName = a.Workload + a.Environment
	if len(p.shortName) > maxActionGroupShortName {
		p.shortName = p.shortName[:maxActionGroupShortName]
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

// Validate checks the arguments without registering anything.
func (a *OperationsArgs) Validate() error {
	_, err := a.plan()
	return err
}

// NewOperations validates args and creates the environment's operations resources. On
// invalid input it returns an error naming the field and registers nothing.
func NewOperations(ctx *pulumi.Context, name string, args *OperationsArgs, opts ...pulumi.ResourceOption) (*Operations, error) {
	return construct(ctx, OperationsToken, "operations", name, args, (*OperationsArgs).plan, &Operations{},
		func(c *Operations, p *operationsPlan) error { return c.build(ctx, name, p) }, opts)
}

func (c *Operations) build(ctx *pulumi.Context, name string, p *operationsPlan) error {
	a := p.args
	tags := tagsFor(a.Tags, a.Workload, a.Environment, "operations")

	var emails insights.EmailReceiverArray
	for i, e := range a.AlertEmails {
		emails = append(emails, insights.EmailReceiverArgs{Name: pulumi.Sprintf("email-%d", i), EmailAddress: pulumi.String(e),
			UseCommonAlertSchema: pulumi.Bool(true)})
	}
	var hooks insights.WebhookReceiverArray
	for i, w := range a.AlertWebhooks {
		// A paging service's webhook URL carries its integration key: a secret in state.
		hooks = append(hooks, insights.WebhookReceiverArgs{Name: pulumi.Sprintf("webhook-%d", i),
			ServiceUri:           pulumi.ToSecret(pulumi.String(w)).(pulumi.StringOutput),
			UseCommonAlertSchema: pulumi.Bool(true)})
	}
	ag, err := insights.NewActionGroup(ctx, name+"-ag", &insights.ActionGroupArgs{
		ActionGroupName:   pulumi.String(p.agName),
		ResourceGroupName: a.ResourceGroupName,
		// Action groups are global resources (learn.microsoft.com/azure/azure-monitor/alerts/action-groups).
		Location:         pulumi.String("Global"),
		GroupShortName:   pulumi.String(p.shortName),
		Enabled:          pulumi.Bool(true),
		EmailReceivers:   emails,
		WebhookReceivers: hooks,
		Tags:             tags,
	}, childOpts(c, pulumi.AdditionalSecretOutputs([]string{"webhookReceivers"}))...)
	if err != nil {
		return err
	}
	c.ActionGroupId = ag.ID().ToStringOutput()

	budgetNames, err := c.buildBudgets(ctx, name, p)
	if err != nil {
		return err
	}
	c.BudgetNames = budgetNames
	if err := c.buildAlerts(ctx, name, p, tags); err != nil {
		return err
	}
	c.WorkbookId = pulumi.String("").ToStringOutput()
	if a.Workbook {
		id, err := c.buildWorkbook(ctx, name, p, tags)
		if err != nil {
			return err
		}
		c.WorkbookId = id
	}
	if err := c.buildResilience(ctx, name, p, tags); err != nil {
		return err
	}
	return ctx.RegisterResourceOutputs(c, pulumi.Map{
		"actionGroupId": c.ActionGroupId,
		"budgetNames":   c.BudgetNames,
		"workbookId":    c.WorkbookId,
	})
}

// buildBudgets: the environment's budget over its resource group, and one per project over the
// same scope filtered by the project's workload tag (budgets filter by tag at resource-group
// scope: learn.microsoft.com/azure/cost-management-billing/costs/tutorial-acm-create-budgets#create-a-budget-in-the-azure-portal).
func (c *Operations) buildBudgets(ctx *pulumi.Context, name string, p *operationsPlan) (pulumi.StringArrayOutput, error) {
	a := p.args
	notifications := azureconsumption.NotificationMap{}
	emails := pulumi.ToStringArray(a.AlertEmails)
	for _, t := range p.thresholds {
		// Actual spend reaching the threshold; the forecast exceeding it (Microsoft's operators
		// for the two kinds: GreaterThanOrEqualTo / GreaterThan).
		op := "GreaterThanOrEqualTo"
		if t.Type == ThresholdForecasted {
			op = "GreaterThan"
		}
		notifications[fmt.Sprintf("%s%d", strings.ToLower(t.Type), t.Percent)] = azureconsumption.NotificationArgs{
			Enabled: pulumi.Bool(true), Operator: pulumi.String(op), Threshold: pulumi.Float64(float64(t.Percent)),
			ThresholdType: pulumi.String(t.Type), ContactEmails: emails,
			ContactGroups: pulumi.StringArray{c.ActionGroupId},
		}
	}
	scope := a.ResourceGroupId
	if scope == nil {
		// A resource group's id is /subscriptions/{subscriptionId}/resourceGroups/{name}
		// (learn.microsoft.com/rest/api/resources/resource-groups/get, the response's id).
		scope = pulumi.Sprintf("/subscriptions/%s/resourceGroups/%s",
			authorization.GetClientConfigOutput(ctx, pulumi.Parent(c)).SubscriptionId(), a.ResourceGroupName)
	}
	var names pulumi.StringArray
	budget := func(key, budgetName string, amount float64, filter *azureconsumption.BudgetFilterArgs) error {
		b, err := azureconsumption.NewBudget(ctx, name+"-budget-"+key, &azureconsumption.BudgetArgs{
			BudgetName:    pulumi.String(budgetName),
			Scope:         scope,
			Amount:        pulumi.Float64(amount),
			Category:      pulumi.String("Cost"),
			TimeGrain:     pulumi.String("Monthly"),
			TimePeriod:    azureconsumption.BudgetTimePeriodArgs{StartDate: pulumi.String(p.startDate)},
			Filter:        filter,
			Notifications: notifications,
		}, childOpts(c)...)
		if err != nil {
			return err
		}
		names = append(names, b.Name)
		return nil
	}
	if err := budget("env", fmt.Sprintf("budget-%s-%s", a.Workload, a.Environment), a.MonthlyBudget, nil); err != nil {
		return pulumi.StringArrayOutput{}, err
	}
	for _, pb := range a.ProjectBudgets {
		if err := budget(pb.Project, fmt.Sprintf("budget-%s-%s", pb.Project, a.Environment), pb.Amount, &azureconsumption.BudgetFilterArgs{
			Tags: &azureconsumption.BudgetComparisonExpressionArgs{Name: pulumi.String("workload"), Operator: pulumi.String("In"),
				Values: pulumi.StringArray{pulumi.String(pb.Project)}},
		}); err != nil {
			return pulumi.StringArrayOutput{}, err
		}
	}
	return names.ToStringArrayOutput(), nil
}

// buildResilience: CanNotDelete locks on each stateful resource, and a geo-replica of each
// project registry.
//
// Locked: Log Analytics (unless it is an external central one), the shared Key Vault, the
// shared ML registry this environment created, and each project's storage account, Key Vault and
// container registry, so none of them is deleted by one click. Not locked: the resource group
// and the workspaces, whose compute, outbound rules and managed network are children that Azure
// ML itself creates and deletes (a lock is inherited by children:
// learn.microsoft.com/azure/azure-resource-manager/management/lock-resources#lock-inheritance).
// Microsoft's managed-network limitation asks for these locks to be lifted before deleting
// (learn.microsoft.com/azure/machine-learning/how-to-managed-network#limitations):
//
//	"The managed virtual network is deleted when the workspace is deleted. When deleting Azure
//	Machine Learning resources in your Azure subscription, disable any resource locks or locks
//	which prevent deletion of resources you created, or were created by Microsoft for the managed
//	virtual network."
//
// The managed private endpoint connections are children of the locked storage, vaults and
// registries: deleting a workspace, or removing an outbound rule to a locked resource, therefore
// starts with `locks: false` (README "Resilience", teardown) — the deliberate second step a lock
// exists for.
func (c *Operations) buildResilience(ctx *pulumi.Context, name string, p *operationsPlan, tags pulumi.StringMap) error {
	a := p.args
	if a.Locks {
		type target struct {
			key string
			id  pulumi.StringInput
		}
		var targets []target
		if !a.LogAnalyticsWorkspaceExternal {
			targets = append(targets, target{"law", a.LogAnalyticsWorkspaceId})
		}
		if a.SharedKeyVaultId != nil {
			targets = append(targets, target{"kv", a.SharedKeyVaultId})
		}
		if a.MlRegistryId != nil {
			targets = append(targets, target{"mlr", a.MlRegistryId})
		}
		for _, w := range a.Workspaces {
			targets = append(targets, target{w.Project + "-st", w.StorageAccountId}, target{w.Project + "-cr", w.ContainerRegistryId})
			if w.KeyVaultId != nil {
				targets = append(targets, target{w.Project + "-kv", w.KeyVaultId})
			}
		}
		for _, t := range targets {
			if t.id == nil {
				continue
			}
			// learn.microsoft.com/azure/azure-resource-manager/management/lock-resources: CanNotDelete
			// lets authorized users read and modify a resource but not delete it.
			if _, err := authorization.NewManagementLockByScope(ctx, name+"-lock-"+t.key, &authorization.ManagementLockByScopeArgs{
				Scope:    t.id,
				LockName: pulumi.String("do-not-delete"),
				Level:    pulumi.String("CanNotDelete"),
				Notes:    pulumi.String("Stateful resource of the " + a.Environment + " ML platform; remove this lock (azure-mlops locks=false) before deleting it."),
			}, childOpts(c)...); err != nil {
				return err
			}
		}
	}
	if a.RegistryReplicaLocation != "" {
		// Zone redundancy is set per registry and per replica: "Zone redundancy provides resiliency
		// and high availability to a registry or replication resource (replica) in a specific
		// region" (learn.microsoft.com/azure/container-registry/zone-redundancy); Replication's
		// zoneRedundancy is Enabled|Disabled (@pulumi/azure-native 2.92.3 containerregistry
		// v20231101preview ReplicationArgs).
		zoneRedundancy := "Disabled"
		if a.RegistryReplicaZoneRedundancy {
			zoneRedundancy = "Enabled"
		}
		for _, w := range a.Workspaces {
			if w.ContainerRegistryName == nil {
				continue
			}
			// Geo-replication needs the Premium tier, which every registry here has
			// (learn.microsoft.com/azure/container-registry/container-registry-geo-replication).
			if _, err := containerregistry.NewReplication(ctx, name+"-cr-"+w.Project+"-replica", &containerregistry.ReplicationArgs{
				ResourceGroupName: a.ResourceGroupName,
				RegistryName:      w.ContainerRegistryName,
				ReplicationName:   pulumi.String(a.RegistryReplicaLocation),
				ZoneRedundancy:    pulumi.String(zoneRedundancy),
				Location:          pulumi.String(a.RegistryReplicaLocation),
				// Pulls in the replica's region go to its own endpoint; during an outage of the home
				// region Traffic Manager routes to the replica.
				RegionEndpointEnabled: pulumi.Bool(true),
				Tags:                  tags,
			}, childOpts(c)...); err != nil {
				return err
			}
		}
	}
	return nil
}
