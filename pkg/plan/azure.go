package plan

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Azure stands in for what Azure returns when a resource is created or a function is invoked:
// a deterministic ARM-shaped id and the properties Azure computes. The offline plan's mock
// monitor and the real-engine suite's azure-native test double (test/fakeazure) both answer
// with it, so the plan and a real `pulumi up` against the double agree by construction.
type Azure struct{ o Options }

// NewAzure returns the stand-in for the subscription and tenant in o (defaults: all-zero ids).
func NewAzure(o Options) Azure {
	o.defaults()
	return Azure{o: o}
}

// Create returns the id, physical name and outputs of a custom resource of type token,
// registered as name with inputs. Outputs are the inputs plus what Azure computes.
func (a Azure) Create(token, name string, inputs resource.PropertyMap) (id, physical string, outputs resource.PropertyMap) {
	id, physical, ok := armID(a.o.SubscriptionID, token, name, inputs)
	if !ok {
		id = fmt.Sprintf("/subscriptions/%s/providers/%s/%s", a.o.SubscriptionID, strings.ReplaceAll(Unversioned(token), ":", "/"), name)
		physical = name
	}
	outputs = inputs.Copy()
	computeOutputs(a.o, Unversioned(token), id, physical, inputs, outputs)
	return id, physical, outputs
}

// Invoke answers a function call (getClientConfig, lookups of existing resources).
func (a Azure) Invoke(token string, args resource.PropertyMap) (resource.PropertyMap, error) {
	return answerCall(a.o, pulumi.MockCallArgs{Token: token, Args: args})
}
