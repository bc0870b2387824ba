# The workflow's table of contents. Everything runs offline (npm's registry aside, for the
# TypeScript SDK's compile check).
GO       ?= go
STACK    ?= dev
VERSION  ?= 0.1.0
# -s -w: no symbol table or DWARF (a third smaller binary; panics still print stack traces).
LDFLAGS  := -s -w -X github.com/azure-mlops/pulumi-azure-mlops/pkg/version.Version=$(VERSION)
NPM      := npm --no-audit --no-fund --loglevel=error

.PHONY: ci-lint bootstrap-plan all build test plan lint bench bench-all docs schema sdk sdk-check examples e2e e2e-tools clean

all: lint test build

build: ## the provider and the offline CLI in bin/, version injected
	$(GO) build ./...
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/azure-mlops ./cmd/azure-mlops
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/pulumi-resource-azure-mlops ./cmd/pulumi-resource-azure-mlops

test: ## unit tests under Pulumi mocks, policies, the offline plan, the provider's Construct, the examples
	$(GO) test ./...

# `make plan ENV=prod` is accepted as a synonym of STACK=prod; both given and different fail.
# Only the command line counts: ENV in the environment is the shell's startup file (POSIX sh).
ifeq ($(origin ENV),command line)
ifeq ($(origin STACK),command line)
ifneq ($(ENV),$(STACK))
$(error ENV=$(ENV) and STACK=$(STACK) disagree: give one of them)
endif
endif
STACK := $(ENV)
endif

plan: ## the main job, via ./azure-mlops: what `pulumi up -s $(STACK)` would create, evaluated offline
	@./azure-mlops plan --stack $(STACK) || { rc=$$?; \
	  echo "make plan: azure-mlops exited $$rc; make reports every failure as 2, so use ./azure-mlops plan --stack $(STACK) where the exit status matters (0 planned, 1 policy, 2 config)" >&2; \
	  exit $$rc; }

lint: ## gofmt + go vet
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './sdk/*')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

bootstrap-plan: ## the delivery bootstrap (bootstrap/Pulumi.delivery.yaml), evaluated offline with the policy pack
	$(GO) run ./bootstrap --plan --stack delivery

ci-lint: ## the delivery pipelines: actionlint (and shellcheck of their run: blocks) on .github/workflows, shellcheck on .ci
	cd tools/actionlint && $(GO) build -o ../../bin/actionlint github.com/rhysd/actionlint/cmd/actionlint
	bin/actionlint
	shellcheck .ci/run .ci/delivery/*.sh

bench: ## figures (never timing asserts in tests): the plan at 1/10/50/100/200 projects, per phase and per process
	$(GO) test -run '^$$' -bench PlanScale -benchtime 3x -benchmem -v ./cmd/azure-mlops | grep -E '^(Benchmark|goos|cpu|ok)|cost ratios'

bench-all: ## every benchmark of every package
	$(GO) test -run '^$$' -bench . -benchmem ./...

docs: ## regenerate docs/, the plan's golden files, Pulumi.yaml's config block and the README's configuration reference
	$(GO) test ./cmd/azure-mlops -run 'TestDocsDiagramsAreCurrent|TestGoldenTreeAndDiagram|TestPolicyDocsAreCurrent' -update
	$(GO) test ./platform -run 'TestPulumiYAMLIsCurrent|TestConfigReferenceIsCurrent' -update

schema: ## regenerate schema.json (and the annotations it is described from), in-process
	$(GO) test ./components ./pkg/privatelink -run TestAnnotationsAreCurrent -update
	$(GO) run ./cmd/azure-mlops schema > schema.json

sdk: ## generate the TypeScript, Python and Go SDKs from schema.json into sdk/
	$(GO) run ./cmd/azure-mlops sdk --language nodejs --out sdk --version $(VERSION)
	$(GO) run ./cmd/azure-mlops sdk --language python --out sdk --version $(VERSION)
	$(GO) run ./cmd/azure-mlops sdk --language go --out sdk --version $(VERSION)

sdk-check: sdk ## compile the SDKs: tsc, Python byte-compile, go build
	cd sdk/nodejs && $(NPM) install && npx tsc && cp package.json README.md bin/
	python3 -m compileall -q sdk/python/pulumi_azure_mlops
	$(GO) build ./sdk/go/...

examples: sdk-check ## the TypeScript example against the SDK under @pulumi/pulumi mocks; Python byte-compiled
	cd examples/typescript && $(NPM) install --install-links && npm test
	python3 -m compileall -q examples/python

e2e: ## the real Pulumi engine, offline: CLI + YAML host (built once into a cache), the azure-native double, every user path
	@eval "$$(test/e2e/tools.sh)" && export E2E_PULUMI_ROOT E2E_YAML_BIN && \
	  $(GO) test -tags e2e -count=1 -timeout 30m -v ./test/e2e

e2e-tools: ## build the Pulumi CLI and YAML language host the e2e suite uses (cached outside the checkout)
	test/e2e/tools.sh

clean:
	rm -rf bin sdk examples/typescript/node_modules examples/typescript/bin
