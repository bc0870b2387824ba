// Command pulumi-resource-azure-native is a test double of the azure-native provider (reporting
// version 2.92.3) for the real-engine suite (test/e2e): a real gRPC resource provider that the
// Pulumi engine loads like the published plugin.
//
//   - Check refuses what azure-native 2.92.3 would refuse: unknown property names, wrong types,
//     missing required properties, checked against the SDK's own type declarations
//     (schema/schema.json). It is a conformance gate, not a yes-machine.
//   - Diff reports the changed keys and asks for a replacement where Azure cannot change a
//     property in place (createOnly below).
//   - Create answers with the same ARM-shaped id and computed outputs as the offline plan
//     (plan.Azure), unknown in preview.
//   - Invoke answers getClientConfig and the lookups of existing resources.
//
// Environment: FAKEAZURE_LOG appends one JSON line per call (method, urn, type, the inputs the
// engine sent); FAKEAZURE_FAIL_CREATE, a comma-separated list of resource names (the URN's
// last segment), makes their Create fail like an Azure deployment error.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/pkg/v3/resource/provider"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/test/fakeazure/schema"
)

// Version is the azure-native version the double stands in for.
const Version = "2.92.3"

func main() {
	s, err := schema.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := provider.Main("azure-native", func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return &fake{schema: s, azure: plan.NewAzure(plan.Options{})}, nil
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type fake struct {
	pulumirpc.UnimplementedResourceProviderServer
	schema *schema.Schema
	azure  plan.Azure
	mu     sync.Mutex
}

var marshal = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true}

func (f *fake) log(method, urn string, props resource.PropertyMap) {
	path := os.Getenv("FAKEAZURE_LOG")
	if path == "" {
		return
	}
	entry := map[string]any{"method": method, "urn": urn}
	if urn != "" {
		entry["type"] = string(resource.URN(urn).Type())
	}
	if props != nil {
		entry["inputs"] = props.MapRepl(nil, func(v resource.PropertyValue) (any, bool) {
			switch {
			case v.IsSecret():
				return "[secret]", true
			case v.IsComputed():
				return "[unknown]", true
			}
			return nil, false
		})
	}
	b, _ := json.Marshal(entry)
	f.mu.Lock()
	defer f.mu.Unlock()
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer fh.Close()
	_, _ = fh.Write(append(b, '\n'))
}

func (f *fake) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (f *fake) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: `{"name":"azure-native","version":"` + Version + `"}`}, nil
}

func (f *fake) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (f *fake) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

// Configure answers as the published azure-native provider does.
func (f *fake) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	opts := plan.Options{}
	if sub, ok := req.GetVariables()["azure-native:config:subscriptionId"]; ok {
		opts.SubscriptionID = sub
	}
	f.azure = plan.NewAzure(opts)
	return &pulumirpc.ConfigureResponse{SupportsPreview: true, AcceptSecrets: false, AcceptResources: true}, nil
}

func (f *fake) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	news, err := plugin.UnmarshalProperties(req.GetNews(), marshal)
	if err != nil {
		return nil, err
	}
	f.log("Check", req.GetUrn(), news)
	typ := string(resource.URN(req.GetUrn()).Type())
	var failures []*pulumirpc.CheckFailure
	for _, x := range f.schema.Check(typ, news) {
		failures = append(failures, &pulumirpc.CheckFailure{Property: x.Property, Reason: x.Reason})
	}
	return &pulumirpc.CheckResponse{Inputs: req.GetNews(), Failures: failures}, nil
}

// createOnly are the inputs Azure cannot change on an existing resource: changing one replaces
// the resource. Names, resource group and location are create-only for every type (ARM ids
// are immutable, https://learn.microsoft.com/azure/azure-resource-manager/management/move-support-resources).
var createOnly = map[string][]string{
	// hbiWorkspace, encryption and enableDataIsolation are set at creation
	// (https://learn.microsoft.com/azure/machine-learning/concept-data-encryption,
	// https://learn.microsoft.com/azure/machine-learning/how-to-share-data-across-workspaces-with-registries).
	// A managed network can't be disabled and its isolation mode can't be switched
	// (https://learn.microsoft.com/azure/machine-learning/how-to-managed-network).
	"azure-native:machinelearningservices:Workspace": {"hbiWorkspace", "encryption", "enableDataIsolation", "kind", "managedNetwork.isolationMode"},
	// Zone redundancy is chosen when the registry is created
	// (https://learn.microsoft.com/azure/container-registry/zone-redundancy).
	"azure-native:containerregistry:Registry": {"zoneRedundancy"},
	// The hierarchical namespace cannot be turned off; infrastructure encryption is create-only
	// (https://learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable).
	"azure-native:storage:StorageAccount": {"isHnsEnabled", "encryption"},
	// A role assignment's principal, role and scope are immutable
	// (https://learn.microsoft.com/rest/api/authorization/role-assignments/create).
	"azure-native:authorization:RoleAssignment":   {"principalId", "roleDefinitionId", "scope", "principalType"},
	"azure-native:authorization:PolicyAssignment": {"scope"},
	// A private endpoint's subnet and target cannot change
	// (https://learn.microsoft.com/azure/private-link/private-endpoint-overview).
	"azure-native:network:PrivateEndpoint": {"subnet", "privateLinkServiceConnections"},
	// The compute's type and VM size are fixed at creation
	// (https://learn.microsoft.com/azure/machine-learning/how-to-create-attach-compute-cluster).
	// A compute instance's user, SSH setting and setup scripts are fixed at creation too
	// (https://learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance: "SSH
	// access can't be changed after creation"; the assigned user of a personal instance cannot be
	// reassigned).
	"azure-native:machinelearningservices:Compute": {"properties.computeType", "properties.properties.vmSize", "properties.properties.vmPriority",
		"properties.properties.personalComputeInstanceSettings", "properties.properties.sshSettings", "properties.properties.setupScripts"},
	// A datastore's storage target is its identity (https://learn.microsoft.com/azure/machine-learning/how-to-datastore).
	"azure-native:machinelearningservices:Datastore": {"datastoreProperties.datastoreType", "datastoreProperties.accountName"},
	"azure-native:insights:DiagnosticSetting":        {"resourceUri"},
}

// alwaysCreateOnly are inputs that name the resource.
var alwaysCreateOnly = []string{"resourceGroupName", "location", "vaultName", "accountName", "registryName", "workspaceName",
	"resourceName", "computeName", "ruleName", "roleAssignmentName", "policyAssignmentName", "policyDefinitionName",
	"policyExemptionName", "virtualNetworkName", "subnetName", "networkSecurityGroupName", "privateEndpointName",
	"privateDnsZoneGroupName", "privateZoneName", "virtualNetworkLinkName", "name"}

// replaces reports whether a changed input path forces a replacement.
func replaces(token, path string) bool {
	if slices.Contains(alwaysCreateOnly, path) {
		return true
	}
	for _, p := range createOnly[plan.Unversioned(token)] {
		if path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[") {
			return true
		}
	}
	return false
}

// changedPaths lists the leaf paths that differ between olds and news.
func changedPaths(prefix string, olds, news resource.PropertyMap) []string {
	var out []string
	keys := map[resource.PropertyKey]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	for k := range keys {
		p := string(k)
		if prefix != "" {
			p = prefix + "." + p
		}
		o, n := olds[k], news[k]
		if o.IsObject() && n.IsObject() {
			out = append(out, changedPaths(p, o.ObjectValue(), n.ObjectValue())...)
			continue
		}
		if !o.DeepEquals(n) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func (f *fake) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := plugin.UnmarshalProperties(req.GetOldInputs(), marshal)
	if err != nil {
		return nil, err
	}
	news, err := plugin.UnmarshalProperties(req.GetNews(), marshal)
	if err != nil {
		return nil, err
	}
	f.log("Diff", req.GetUrn(), news)
	typ := string(resource.URN(req.GetUrn()).Type())
	changed := changedPaths("", olds, news)
	resp := &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE, HasDetailedDiff: true, DetailedDiff: map[string]*pulumirpc.PropertyDiff{}}
	for _, p := range changed {
		resp.Changes = pulumirpc.DiffResponse_DIFF_SOME
		top, _, _ := strings.Cut(p, ".")
		if !slices.Contains(resp.Diffs, top) {
			resp.Diffs = append(resp.Diffs, top)
		}
		kind := pulumirpc.PropertyDiff_UPDATE
		if replaces(typ, p) {
			kind = pulumirpc.PropertyDiff_UPDATE_REPLACE
			if !slices.Contains(resp.Replaces, top) {
				resp.Replaces = append(resp.Replaces, top)
			}
		}
		resp.DetailedDiff[p] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
	}
	// Every resource here has an explicit physical name, so a replacement cannot be created
	// beside the original: Azure would answer 409 Conflict. Delete first.
	resp.DeleteBeforeReplace = len(resp.Replaces) > 0
	return resp, nil
}

// unknownComputed marks what Azure computes (outputs that are not inputs) unknown, as the
// provider does in a preview.
func unknownComputed(inputs, outputs resource.PropertyMap) resource.PropertyMap {
	out := resource.PropertyMap{}
	for k, v := range outputs {
		in, ok := inputs[k]
		switch {
		case !ok:
			out[k] = resource.MakeComputed(resource.NewProperty(""))
		case in.IsObject() && v.IsObject():
			out[k] = resource.NewProperty(unknownComputed(in.ObjectValue(), v.ObjectValue()))
		default:
			out[k] = v
		}
	}
	return out
}

func (f *fake) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	inputs, err := plugin.UnmarshalProperties(req.GetProperties(), marshal)
	if err != nil {
		return nil, err
	}
	urn := resource.URN(req.GetUrn())
	f.log("Create", req.GetUrn(), inputs)
	if !req.GetPreview() && slices.Contains(strings.Split(os.Getenv("FAKEAZURE_FAIL_CREATE"), ","), urn.Name()) {
		return nil, status.Errorf(codes.Unknown, "fakeazure: Create of %s failed as requested by FAKEAZURE_FAIL_CREATE "+
			"(Azure would answer e.g. 409 Conflict)", urn.Name())
	}
	id, _, outputs := f.azure.Create(string(urn.Type()), urn.Name(), inputs)
	if req.GetPreview() {
		outputs = unknownComputed(inputs, outputs)
		id = ""
	}
	props, err := plugin.MarshalProperties(outputs, marshal)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

func (f *fake) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	news, err := plugin.UnmarshalProperties(req.GetNews(), marshal)
	if err != nil {
		return nil, err
	}
	f.log("Update", req.GetUrn(), news)
	// What Azure computes (ids, principal ids, endpoints) does not change on an in-place update,
	// so it is known in a preview too; the stand-in derives it from the same stable inputs.
	urn := resource.URN(req.GetUrn())
	_, _, outputs := f.azure.Create(string(urn.Type()), urn.Name(), news)
	props, err := plugin.MarshalProperties(outputs, marshal)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

func (f *fake) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	f.log("Read", req.GetUrn(), nil)
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (f *fake) Delete(_ context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	f.log("Delete", req.GetUrn(), nil)
	return &emptypb.Empty{}, nil
}

func (f *fake) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	args, err := plugin.UnmarshalProperties(req.GetArgs(), marshal)
	if err != nil {
		return nil, err
	}
	f.log("Invoke:"+req.GetTok(), "", args)
	out, err := f.azure.Invoke(req.GetTok(), args)
	if err != nil {
		return &pulumirpc.InvokeResponse{Failures: []*pulumirpc.CheckFailure{{Reason: err.Error()}}}, nil
	}
	props, err := plugin.MarshalProperties(out, marshal)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: props}, nil
}

func (f *fake) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
