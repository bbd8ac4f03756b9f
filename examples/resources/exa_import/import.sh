# Import by ID, optionally followed by a comma and the file's path: with the
# file, its hash, size and count are recorded and the next plan is empty.
terraform import exa_import.crm import_01jxyz,accounts.csv
