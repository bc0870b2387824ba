package rbac

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// ProviderVersion is the azure-native version whose generated SDK RoleAssignment mirrors.
const ProviderVersion = azurelean.ProviderVersion

// RoleAssignment is azure-native:authorization:RoleAssignment (API 2022-04-01), bound here
// instead of taken from github.com/pulumi/pulumi-azure-native-sdk/authorization/v2 because a
// platform registers it more than any other resource (17 per project). It registers the same
// token, provider version, inputs and input defaults as the generated NewRoleAssignment
// (binding_test.go requires identical registrations), without the generated SDK's nine type
// aliases: they only match state written with azure-native v1's versioned tokens, which this
// package never wrote, and the Pulumi Go SDK turns each alias into a URN output on every
// registration (the same reasoning as pkg/azurenetwork).
type RoleAssignment struct {
	pulumi.CustomResourceState

	Name             pulumi.StringOutput    `pulumi:"name"`
	PrincipalId      pulumi.StringOutput    `pulumi:"principalId"`
	PrincipalType    pulumi.StringPtrOutput `pulumi:"principalType"`
	RoleDefinitionId pulumi.StringOutput    `pulumi:"roleDefinitionId"`
	Scope            pulumi.StringOutput    `pulumi:"scope"`
}

type roleAssignmentArgs struct {
	Condition                          *string `pulumi:"condition"`
	ConditionVersion                   *string `pulumi:"conditionVersion"`
	DelegatedManagedIdentityResourceId *string `pulumi:"delegatedManagedIdentityResourceId"`
	Description                        *string `pulumi:"description"`
	PrincipalId                        string  `pulumi:"principalId"`
	PrincipalType                      *string `pulumi:"principalType"`
	RoleAssignmentName                 *string `pulumi:"roleAssignmentName"`
	RoleDefinitionId                   string  `pulumi:"roleDefinitionId"`
	Scope                              string  `pulumi:"scope"`
}

// RoleAssignmentArgs are the inputs of a RoleAssignment (the generated SDK's field names).
type RoleAssignmentArgs struct {
	// Condition limits the assignment (ABAC), e.g. to the roles a principal may assign.
	Condition pulumi.StringPtrInput
	// ConditionVersion: "2.0" is the only accepted value.
	ConditionVersion                   pulumi.StringPtrInput
	DelegatedManagedIdentityResourceId pulumi.StringPtrInput
	Description                        pulumi.StringPtrInput
	PrincipalId                        pulumi.StringInput
	// PrincipalType defaults to "User", as in the generated SDK.
	PrincipalType      pulumi.StringPtrInput
	RoleAssignmentName pulumi.StringPtrInput
	RoleDefinitionId   pulumi.StringInput
	Scope              pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (RoleAssignmentArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*roleAssignmentArgs)(nil)).Elem()
}

// NewRoleAssignment registers a role assignment, checking the generated SDK's required
// arguments with its messages.
func NewRoleAssignment(ctx *pulumi.Context, name string, args *RoleAssignmentArgs, opts ...pulumi.ResourceOption) (*RoleAssignment, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("PrincipalId", args.PrincipalId), azurelean.Arg("RoleDefinitionId", args.RoleDefinitionId), azurelean.Arg("Scope", args.Scope)); err != nil {
		return nil, err
	}
	if args.PrincipalType == nil {
		args.PrincipalType = pulumi.StringPtr("User")
	}
	var res RoleAssignment
	if err := azurelean.RegisterInto(ctx, "azure-native:authorization:RoleAssignment", name, args, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}
