package rbac_test

import (
	"sync"
	"testing"

	gen "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

type recorder struct {
	mu       sync.Mutex
	requests map[string]*pulumirpc.RegisterResourceRequest
}

func (r *recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests[args.Name] = args.RegisterRPC
	return "/id/" + args.Name, args.Inputs.Copy(), nil
}

func (r *recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}

func record(t *testing.T, program pulumi.RunFunc) (map[string]*pulumirpc.RegisterResourceRequest, error) {
	t.Helper()
	r := &recorder{requests: map[string]*pulumirpc.RegisterResourceRequest{}}
	err := pulumi.RunErr(program, pulumi.WithMocks("p", "s", r))
	return r.requests, err
}

const scope = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg"

// The engine receives the same registration from the binding as from the generated SDK (token,
// every input, defaults, property dependencies, provider version), except the generated SDK's
// type aliases, which the binding leaves out on purpose.
func TestRoleAssignmentRegistersAsTheGeneratedSDK(t *testing.T) {
	want, err := record(t, func(ctx *pulumi.Context) error {
		id, err := gen.NewRoleAssignment(ctx, "upstream", &gen.RoleAssignmentArgs{Scope: pulumi.String(scope),
			PrincipalId: pulumi.String("p"), RoleDefinitionId: pulumi.String(rbac.Reader.DefinitionID(scope))})
		if err != nil {
			return err
		}
		_, err = gen.NewRoleAssignment(ctx, "all", &gen.RoleAssignmentArgs{Scope: id.Scope, PrincipalId: id.PrincipalId,
			PrincipalType: pulumi.String("Group"), RoleDefinitionId: pulumi.String(rbac.Reader.DefinitionID(scope)),
			RoleAssignmentName: pulumi.String("0f8fad5b-d9cb-469f-a165-70867728950e"), Description: pulumi.String("d"),
			Condition: pulumi.String("c"), ConditionVersion: pulumi.String("2.0"), DelegatedManagedIdentityResourceId: pulumi.String("x")})
		return err
	})
	require.NoError(t, err)
	got, err := record(t, func(ctx *pulumi.Context) error {
		id, err := rbac.NewRoleAssignment(ctx, "upstream", &rbac.RoleAssignmentArgs{Scope: pulumi.String(scope),
			PrincipalId: pulumi.String("p"), RoleDefinitionId: pulumi.String(rbac.Reader.DefinitionID(scope))})
		if err != nil {
			return err
		}
		_, err = rbac.NewRoleAssignment(ctx, "all", &rbac.RoleAssignmentArgs{Scope: id.Scope, PrincipalId: id.PrincipalId,
			PrincipalType: pulumi.String("Group"), RoleDefinitionId: pulumi.String(rbac.Reader.DefinitionID(scope)),
			RoleAssignmentName: pulumi.String("0f8fad5b-d9cb-469f-a165-70867728950e"), Description: pulumi.String("d"),
			Condition: pulumi.String("c"), ConditionVersion: pulumi.String("2.0"), DelegatedManagedIdentityResourceId: pulumi.String("x")})
		return err
	})
	require.NoError(t, err)
	require.Len(t, want, 2)
	require.Len(t, got, 2)
	for name, w := range want {
		g := got[name]
		require.NotNil(t, g, name)
		assert.Len(t, w.GetAliases(), 9, "the generated SDK's aliases: one per API-version token")
		assert.Empty(t, g.GetAliases(), "the binding registers no type aliases")
		assert.Equal(t, "User", got["upstream"].GetObject().GetFields()["principalType"].GetStringValue(), "default principal type")
		w.Aliases, w.SourcePosition, g.SourcePosition, w.StackTrace, g.StackTrace = nil, nil, nil, nil, nil
		if !proto.Equal(w, g) {
			assert.Equal(t, prototext.Format(w), prototext.Format(g), name)
		}
	}
}

func TestRoleAssignmentRequiredArguments(t *testing.T) {
	for field, args := range map[string]*rbac.RoleAssignmentArgs{
		"PrincipalId":      {Scope: pulumi.String(scope), RoleDefinitionId: pulumi.String("r")},
		"RoleDefinitionId": {Scope: pulumi.String(scope), PrincipalId: pulumi.String("p")},
		"Scope":            {PrincipalId: pulumi.String("p"), RoleDefinitionId: pulumi.String("r")},
	} {
		reqs, err := record(t, func(ctx *pulumi.Context) error {
			_, err := rbac.NewRoleAssignment(ctx, "ra", args)
			return err
		})
		assert.ErrorContains(t, err, "invalid value for required argument '"+field+"'")
		assert.Empty(t, reqs)
	}
}
