# The import ID is <webset_id>/<enrichment_id>.
terraform import exa_webset_enrichment.stage webset_01jxyz/enrichment_01jabc
