// Package azurelean is the one place this repository pins the azure-native provider version
// its registrations ask for (ProviderVersion, Pinned, RegisterInto: used by every hand-written
// binding, pkg/azureml, pkg/azurenetwork, pkg/azureconsumption and pkg/rbac), and it registers
// azure-native resources from the generated SDK's Args types the way the generated
// New<Resource> functions do, for the resources a platform creates many times
// per project and whose outputs it needs only by id and name: diagnostic settings (6 per
// project), metric alerts (7), blob service properties and management policies. The stateful
// resources every project creates (storage account, Key Vault, container registry:
// stateful.go) lose the aliases too, and keep the outputs this repository reads.
//
// Two differences from the generated functions, both deliberate and both invisible to the
// engine's view of the inputs (lean_test.go requires otherwise identical registrations):
//   - no type aliases: the generated SDK gives each resource one alias per API-version token
//     it was published under (17 for BlobServiceProperties), which only match state written with
//     azure-native v1's versioned tokens — this package never wrote those — and the Pulumi Go SDK
//     turns every alias into a URN output on every registration;
//   - a Resource with two outputs (id and name) instead of the generated struct's dozen, each of
//     which the SDK creates and resolves per registration.
//
// Together these were ≈15 % of the CPU of planning 200 projects: 2.2 s became 1.9 s
// (BenchmarkPlanScale); the aliases of the three stateful resources (61 per project) were
// another 4 % of it.
package azurelean

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ProviderVersion is the azure-native version every registration of this repository pins: the
// version of the generated SDK modules in go.mod and of the bindings' checked declarations.
const ProviderVersion = "2.92.3"

// Resource is a registered resource: its id (CustomResourceState) and name.
type Resource struct {
	pulumi.CustomResourceState

	Name pulumi.StringOutput `pulumi:"name"`
}

// Pinned returns opts behind the provider version, the order the generated SDK uses.
func Pinned(opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	return append([]pulumi.ResourceOption{pulumi.Version(ProviderVersion)}, opts...)
}

// RegisterInto registers token with args into res at the pinned provider version.
func RegisterInto(ctx *pulumi.Context, token, name string, args pulumi.Input, res pulumi.CustomResource, opts ...pulumi.ResourceOption) error {
	return ctx.RegisterResource(token, name, args, res, Pinned(opts)...)
}

// Register registers token with args (a generated SDK's Args, checked by the caller as its
// New<Resource> would: the required inputs are set) at the pinned provider version, with id and
// name as its outputs.
func Register(ctx *pulumi.Context, token, name string, args pulumi.Input, opts ...pulumi.ResourceOption) (*Resource, error) {
	var res Resource
	if err := RegisterInto(ctx, token, name, args, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}
