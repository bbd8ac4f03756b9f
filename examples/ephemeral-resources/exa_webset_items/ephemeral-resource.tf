# Items carry names, e-mail addresses and whole pages of content: read them
# ephemerally to hand them on without writing them to the plan or the
# state. Terraform 1.10 or later, OpenTofu 1.11 or later.
ephemeral "exa_webset_items" "crm" {
  webset_id = "crm-accounts" # its id, or its external_id
}

# A consumer: a provisioner may use ephemeral values, and Terraform stores
# neither its command nor its output. Other consumers are another
# provider's configuration and write-only arguments.
resource "terraform_data" "notify" {
  provisioner "local-exec" {
    command = "echo 'The CRM webset holds ${length(ephemeral.exa_webset_items.crm.items)} accounts'"
  }
}
