// Command platform is the platform's own Pulumi program (see Pulumi.yaml at the repository
// root): `pulumi up -s dev` deploys the dev environment.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/platform"
)

func main() { pulumi.Run(platform.PlatformProgram) }
