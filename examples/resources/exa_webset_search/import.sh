# The import ID is <webset_id>/<search_id>.
terraform import exa_webset_search.humanoids webset_01jxyz/webset_search_01jabc
