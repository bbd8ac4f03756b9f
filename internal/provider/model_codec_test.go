package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every resource reads and writes its plan and state through a codec: each
// model matches its schema one to one.
func TestModelCodec_everyResourceModelResolves(t *testing.T) {
	for name, resolve := range map[string]func() error{
		"exa_webset_search":     searchModel.Resolve,
		"exa_webset":            websetCodec.Resolve,
		"exa_webset_enrichment": enrichmentCodec.Resolve,
		"exa_monitor":           monitorCodec.Resolve,
		"exa_webhook":           webhookCodec.Resolve,
		"exa_import":            importCodec.Resolve,
	} {
		if err := resolve(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// searchModels are models of exa_webset_search as they occur: a finished
// search with every input set, the plan of a create (computed values
// unknown), and a search with every optional value null.
func searchModels(t *testing.T) map[string]websetSearchModel {
	full := searchFixture(t, benchSearchJSON)
	full.Recall = types.BoolValue(true)
	full.MaxPeople = types.Int64Value(3)
	full.Timeouts = timeouts.Value{Object: types.ObjectValueMust(
		map[string]attr.Type{"create": types.StringType, "delete": types.StringType},
		map[string]attr.Value{"create": types.StringValue("45m"), "delete": types.StringNull()})}

	planned := full
	planned.ID = types.StringUnknown()
	planned.Status = types.StringUnknown()
	planned.Progress = types.ObjectUnknown(tfmodel.AttrTypes[progressModel]())
	planned.RecallResult = types.ObjectUnknown(tfmodel.AttrTypes[recallResultModel]())
	planned.Criteria = types.ListUnknown(tfmodel.ObjectType[criterionModel]())
	planned.Entity = types.ObjectUnknown(full.Entity.AttributeTypes(context.Background()))
	planned.CreatedAt, planned.UpdatedAt = types.StringUnknown(), types.StringUnknown()

	bare := searchFixture(t, `{"id":"s","status":"running","websetId":"w","query":"q","count":1,"createdAt":"t","updatedAt":"t"}`)
	bare.Metadata = types.MapValueMust(types.StringType, map[string]attr.Value{}) // {} stays {}
	return map[string]websetSearchModel{"full": full, "planned": planned, "bare": bare}
}

// The codec writes what the framework's Set writes, and reads back what
// its Get reads, for every shape of the model.
func TestModelCodec_getAndSetMatchTheFramework(t *testing.T) {
	ctx := context.Background()
	schema := websetSearchSchema(ctx)
	for name, m := range searchModels(t) {
		t.Run(name, func(t *testing.T) {
			framework := tfsdk.State{Schema: schema, Raw: tftypes.NewValue(schema.Type().TerraformType(ctx), nil)}
			if diags := framework.Set(ctx, m); diags.HasError() {
				t.Fatal(diags)
			}
			var raw tftypes.Value
			if diags := searchModel.Set(ctx, &raw, m); diags.HasError() {
				t.Fatal(diags)
			}
			if !raw.Equal(framework.Raw) {
				t.Fatalf("Set differs from the framework's:\ncodec:     %s\nframework: %s", raw, framework.Raw)
			}

			var fromFramework, fromCodec websetSearchModel
			if diags := framework.Get(ctx, &fromFramework); diags.HasError() {
				t.Fatal(diags)
			}
			if diags := searchModel.Get(ctx, raw, &fromCodec); diags.HasError() {
				t.Fatal(diags)
			}
			if !reflect.DeepEqual(fromCodec, fromFramework) {
				t.Fatalf("Get differs from the framework's:\ncodec:     %+v\nframework: %+v", fromCodec, fromFramework)
			}
			if !reflect.DeepEqual(fromCodec, m) {
				t.Fatalf("Get(Set(m)) is not m:\ngot:  %+v\nwant: %+v", fromCodec, m)
			}
		})
	}
}

// A value of the wrong type is refused, as the framework's Set refuses it,
// and the target keeps what it had.
func TestModelCodec_setRefusesAValueOfTheWrongType(t *testing.T) {
	ctx := context.Background()
	m := searchModels(t)["full"]
	m.Metadata = types.MapValueMust(types.BoolType, map[string]attr.Value{"k": types.BoolValue(true)})
	before := tftypes.NewValue(tftypes.String, "untouched")
	raw := before
	diags := searchModel.Set(ctx, &raw, m)
	if d, ok := diags[0].(diag.DiagnosticWithPath); !diags.HasError() || !ok || !d.Path().Equal(path.Root("metadata")) {
		t.Fatalf("want an error naming metadata, got %v", diags)
	}
	if !raw.Equal(before) {
		t.Fatalf("target changed to %s", raw)
	}
	var got websetSearchModel
	if diags := searchModel.Get(ctx, tftypes.NewValue(searchModel.TerraformType(), nil), &got); !diags.HasError() {
		t.Fatal("a null state was read without an error")
	}
}

// A value that its type refuses is refused as in the framework's Get: a
// whole-number attribute holding 1.5 is an error on that attribute.
func TestModelCodec_refusesWhatTheTypeRefuses(t *testing.T) {
	ctx := context.Background()
	schema := websetSearchSchema(ctx)
	var valid tftypes.Value
	if diags := searchModel.Set(ctx, &valid, searchModels(t)["full"]); diags.HasError() {
		t.Fatal(diags)
	}
	raw, err := tftypes.Transform(valid, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if p.Equal(tftypes.NewAttributePath().WithAttributeName("target_count")) {
			return tftypes.NewValue(tftypes.Number, 1.5), nil
		}
		return v, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var fromFramework, fromCodec websetSearchModel
	want := tfsdk.State{Schema: schema, Raw: raw}.Get(ctx, &fromFramework)
	got := searchModel.Get(ctx, raw, &fromCodec)
	if !want.HasError() || !got.HasError() {
		t.Fatalf("codec: %v\nframework: %v", got, want)
	}
	g, ok := got[0].(diag.DiagnosticWithPath)
	if !ok || !g.Path().Equal(path.Root("target_count")) || !strings.Contains(g.Detail(), "is not an integer") {
		t.Fatalf("want an error on target_count saying it is not an integer, got %v", got)
	}
}
