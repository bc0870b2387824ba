package components

import (
	_ "embed"
	"encoding/json"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
)

// WorkbookTemplate is the platform workbook (Azure Workbooks' Notebook/1.0 JSON, the format
// the portal's Advanced Editor shows: learn.microsoft.com/azure/azure-monitor/visualize/workbooks-create-workbook),
// under version control in workbooks/. ${logAnalyticsWorkspaceId} stands for the central
// workspace every query runs against.
//
//go:embed workbooks/platform.workbook.json
var WorkbookTemplate string

const workbookLAWPlaceholder = "${logAnalyticsWorkspaceId}"

// WorkbookQueries returns the KQL of every query item of the template, by item name.
func WorkbookQueries() (map[string]string, error) {
	var wb struct {
		Items []struct {
			Type    int    `json:"type"`
			Name    string `json:"name"`
			Content struct {
				Query string `json:"query"`
			} `json:"content"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(WorkbookTemplate), &wb); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, it := range wb.Items {
		if it.Type == 3 {
			out[it.Name] = it.Content.Query
		}
	}
	return out, nil
}

func (c *Operations) buildWorkbook(ctx *pulumi.Context, name string, p *operationsPlan, tags pulumi.StringMap) (pulumi.StringOutput, error) {
	a := p.args
	data := a.LogAnalyticsWorkspaceId.ToStringOutput().ApplyT(func(id string) (string, error) {
		// The id goes into JSON strings: encode it as JSON, minus the quotes.
		b, err := json.Marshal(id)
		if err != nil {
			return "", err
		}
		return strings.ReplaceAll(WorkbookTemplate, workbookLAWPlaceholder, string(b[1:len(b)-1])), nil
	}).(pulumi.StringOutput)
	wb, err := insights.NewWorkbook(ctx, name+"-workbook", &insights.WorkbookArgs{
		// Named by a GUID, as Microsoft's ARM template names a workbook instance ("workbookId: The
		// unique guid for this workbook instance", learn.microsoft.com/azure/azure-monitor/visualize/workbooks-automate).
		// The resource reference (learn.microsoft.com/azure/templates/microsoft.insights/workbooks)
		// only says "string (required)" and resource-name-rules says "Not specified"; the GUID rule is
		// pkg/naming's, the safe choice (a user reports the service rejecting a non-GUID name:
		// github.com/MicrosoftDocs/azure-docs/issues/52844). Derived from stable inputs, so a redeploy
		// updates the same workbook instead of creating another.
		ResourceName:      pulumi.String(naming.GUID(a.Workload, a.Environment, "platform-workbook")),
		ResourceGroupName: a.ResourceGroupName,
		Location:          pulumi.String(a.Location),
		Kind:              pulumi.String("shared"),
		Category:          pulumi.String("workbook"),
		DisplayName:       pulumi.Sprintf("ML platform health (%s)", a.Environment),
		SourceId:          a.LogAnalyticsWorkspaceId,
		SerializedData:    data,
		Tags:              tags,
	}, childOpts(c)...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return wb.ID().ToStringOutput(), nil
}
