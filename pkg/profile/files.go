package profile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/esc"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/suggest"
)

// StackFiles is a stack's configuration read from Pulumi.yaml and Pulumi.<stack>.yaml the way
// the Pulumi CLI reads it: project defaults applied, declared types checked, secure values
// blinded (the offline plan never decrypts secrets).
type StackFiles struct {
	Project string
	Stack   string
	// Config as the engine passes it to a program: "namespace:key" -> value, structured
	// values JSON-encoded.
	Config map[string]string
	// SecretKeys are the keys whose values are secure.
	SecretKeys []string
}

// Namespaced returns this project's own keys without their namespace.
func (s *StackFiles) Namespaced() map[string]string {
	out := map[string]string{}
	for k, v := range s.Config {
		if ns, key, ok := strings.Cut(k, ":"); ok && ns == s.Project {
			out[key] = v
		}
	}
	return out
}

// Get returns a config value by full key ("azure-native:subscriptionId").
func (s *StackFiles) Get(key string) string { return s.Config[key] }

// ProviderNamespaces are the config namespaces of the providers a stack of this project may
// configure besides its own keys ("pulumi" holds the engine's own settings).
var ProviderNamespaces = []string{"azure-native", "azure", "azuread", "pulumi"}

// CheckNamespaces refuses config keys whose namespace is neither the project's nor a
// provider's: a typo such as "azure-mlop:policy" would otherwise be ignored silently, and the
// policy block with it.
func CheckNamespaces(project string, keys []string) error {
	var errs []string
	for _, k := range keys {
		ns, _, ok := strings.Cut(k, ":")
		if !ok || ns == project || slices.Contains(ProviderNamespaces, ns) {
			continue
		}
		hint := ""
		if strings.EqualFold(ns, project) || suggest.Distance(ns, project) <= 2 {
			hint = fmt.Sprintf("; did you mean %s:%s?", project, strings.SplitN(k, ":", 2)[1])
		}
		errs = append(errs, fmt.Sprintf("%s: unknown configuration namespace %q (not this project's, %q, nor a provider's: %s)%s",
			k, ns, project, strings.Join(ProviderNamespaces, ", "), hint))
	}
	if len(errs) == 0 {
		return nil
	}
	sort.Strings(errs)
	return errors.New(strings.Join(errs, "\n"))
}

// LoadStackFiles reads dir/Pulumi.yaml and dir/Pulumi.<stack>.yaml.
func LoadStackFiles(dir, stack string) (*StackFiles, error) {
	projPath := filepath.Join(dir, "Pulumi.yaml")
	proj, err := workspace.LoadProject(projPath)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", projPath, err)
	}
	stackPath := filepath.Join(dir, "Pulumi."+stack+".yaml")
	if _, err := os.Stat(stackPath); err != nil {
		return nil, fmt.Errorf("stack %q: no %s (%s)", stack, stackPath, StacksHere(dir, stack))
	}
	ps, err := workspace.LoadProjectStack(nil, proj, stackPath)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", stackPath, err)
	}
	name := proj.Name.String()
	out := &StackFiles{Project: name, Stack: stack, Config: map[string]string{}}

	// The Pulumi CLI's own check, run before any program: every key Pulumi.yaml declares
	// without a default must be set, and declared types must match; it also applies the
	// declared defaults. Calling the same function
	// keeps the offline plan from accepting a stack that `pulumi up` refuses.
	if err := workspace.ValidateStackConfigAndApplyProjectConfig(context.Background(), stack, proj, esc.Value{},
		ps.Config, config.NopEncrypter, config.NewBlindingDecrypter()); err != nil {
		return nil, fmt.Errorf("%s: %w (the Pulumi CLI refuses this stack)", stackPath, err)
	}

	decrypted, err := ps.Config.Decrypt(config.NewBlindingDecrypter())
	if err != nil {
		return nil, err
	}
	var errs []string
	var keys []string
	for k := range ps.Config {
		keys = append(keys, k.String())
	}
	if err := CheckNamespaces(name, keys); err != nil {
		errs = append(errs, err.Error())
	}
	for k, raw := range ps.Config {
		full := k.String()
		val := decrypted[k]
		if raw.Secure() {
			out.SecretKeys = append(out.SecretKeys, full)
		}
		out.Config[full] = val
	}
	// Keys of this project that Pulumi.yaml does not declare (the profile-dependent ones, and
	// typos) are typed, or refused, by the program's decoder (platform.Decode).
	if len(errs) > 0 {
		lines := strings.Split(strings.Join(errs, "\n"), "\n")
		sort.Strings(lines)
		if len(lines) == 1 {
			return nil, errors.New(lines[0])
		}
		return nil, fmt.Errorf("%d configuration errors:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	sort.Strings(out.SecretKeys)
	return out, nil
}

// StacksHere says which stacks dir has, for an error about a missing one: the list with the
// closest name to stack suggested, or why there is none.
func StacksHere(dir, stack string) string {
	stacks := Stacks(dir)
	if len(stacks) == 0 {
		return "no stack file Pulumi.<stack>.yaml there at all"
	}
	return "stacks here: " + strings.Join(stacks, ", ") + suggest.Hint(stack, stacks)
}

// Stacks lists the stacks that have a Pulumi.<stack>.yaml in dir, sorted.
func Stacks(dir string) []string {
	matches, _ := filepath.Glob(filepath.Join(dir, "Pulumi.*.yaml"))
	var out []string
	for _, m := range matches {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), "Pulumi."), ".yaml"))
	}
	sort.Strings(out)
	return out
}
