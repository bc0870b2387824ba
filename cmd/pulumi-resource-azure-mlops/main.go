// Command pulumi-resource-azure-mlops is the azure-mlops component provider: it serves
// SharedServices, MLOpsWorkspace, PrivateNetwork and Governance to TypeScript, Python, C#, Go
// and YAML programs. The same constructors serve Go programs directly, so state and URNs are
// identical on both paths.
package main

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/version"
	"github.com/azure-mlops/pulumi-azure-mlops/provider"
)

func main() {
	prov, err := provider.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := p.RunProvider(context.Background(), provider.Name, version.Version, prov); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
