# The workflow's table of contents. Everything runs offline.
GO       ?= go
STACK    ?= dev
VERSION  ?= 0.1.0
LDFLAGS  := -X github.com/azure-mlops/pulumi-azure-mlops/pkg/version.Version=$(VERSION)

.PHONY: all build test plan lint bench docs clean

all: lint test build

build: ## compile everything, including the examples and the command-line tools
	$(GO) build ./...
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/azure-mlops ./cmd/azure-mlops

test: ## unit tests under Pulumi mocks, the offline plan, the examples
	$(GO) test ./...

plan: ## the main job: what `pulumi up -s $(STACK)` would create, evaluated offline
	$(GO) run ./cmd/azure-mlops plan --stack $(STACK)

lint: ## gofmt + go vet
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

bench: ## figures (never timing asserts in tests)
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin

docs: ## regenerate docs/architecture.md and the plan's golden files
	$(GO) test ./cmd/azure-mlops -run 'TestDocsDiagramsAreCurrent|TestGoldenTreeAndDiagram|TestPolicyDocsAreCurrent' -update
