package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Every resource's schema derives without error, and a sensitive attribute
// stays sensitive: deriving from exa_webhook must not publish its secret.
func TestComputedAttributes_everyResourceKeepsSensitive(t *testing.T) {
	ctx := context.Background()
	for name, s := range map[string]rschema.Schema{
		"exa_webset": websetSchema(ctx, nil), "exa_webset_search": websetSearchSchema(ctx),
		"exa_webset_enrichment": websetEnrichmentSchema(ctx), "exa_monitor": monitorSchema(ctx),
		"exa_webhook": webhookSchema(ctx), "exa_import": importSchema(ctx),
	} {
		attrs, diags := computedAttributes(s.Attributes)
		if diags.HasError() {
			t.Errorf("%s: %v", name, diags)
		}
		for attr, a := range s.Attributes {
			if d, ok := attrs[attr]; !ok || d.IsSensitive() != a.IsSensitive() || !d.IsComputed() {
				t.Errorf("%s.%s: derived %v, sensitive %v -> %v", name, attr, ok, a.IsSensitive(), ok && d.IsSensitive())
			}
		}
	}
	secret, _ := computedAttributes(webhookSchema(ctx).Attributes)
	if s, ok := secret["secret"].(dschema.StringAttribute); !ok || !s.Sensitive {
		t.Errorf("exa_webhook.secret derived as %#v", secret["secret"])
	}
}

// A kind the derivation does not know is an error, not a panic.
func TestComputedAttributes_unknownKindIsAnError(t *testing.T) {
	_, diags := computedAttributes(map[string]rschema.Attribute{"x": unknownAttr{}})
	if !diags.HasError() {
		t.Error("want an error for an unknown kind of attribute")
	}
}

type unknownAttr struct{ rschema.StringAttribute }

// No data source says what configuring an attribute does: a data source
// only reads. Every attribute of every data source, nested ones included,
// has a description, and none says "replaces", "in place" or "changing".
func TestDataSources_describeWhatTheyRead(t *testing.T) {
	ctx := context.Background()
	resourceText := regexp.MustCompile(`(?i)\breplaces?\b|\bin place\b|\bchanging\b|\bset to\b`)
	for _, f := range New("test")().DataSources(ctx) {
		d := f()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "exa"}, &meta)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		var walk func(prefix string, attrs map[string]dschema.Attribute)
		walk = func(prefix string, attrs map[string]dschema.Attribute) {
			for name, a := range attrs {
				desc := a.GetMarkdownDescription()
				switch {
				case strings.TrimSpace(desc) == "":
					t.Errorf("%s.%s%s has no description", meta.TypeName, prefix, name)
				case resourceText.MatchString(desc):
					t.Errorf("%s.%s%s says what a resource does: %q", meta.TypeName, prefix, name, desc)
				}
				switch a := a.(type) {
				case dschema.SingleNestedAttribute:
					walk(prefix+name+".", a.Attributes)
				case dschema.ListNestedAttribute:
					walk(prefix+name+".", a.NestedObject.Attributes)
				}
			}
		}
		walk("", s.Schema.Attributes)
	}
}
