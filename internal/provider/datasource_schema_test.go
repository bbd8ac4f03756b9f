package provider

import (
	"context"
	"testing"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Every resource's schema derives without error, and a sensitive attribute
// stays sensitive: deriving from exa_webhook must not publish its secret.
func TestComputedAttributes_everyResourceKeepsSensitive(t *testing.T) {
	ctx := context.Background()
	for name, s := range map[string]rschema.Schema{
		"exa_webset": websetSchema(ctx), "exa_webset_search": websetSearchSchema(ctx),
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
