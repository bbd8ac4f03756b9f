# Import by the webset's ID, or by its external_id.
terraform import exa_webset.robotics webset_01jxyz
terraform import exa_webset.robotics robotics-seed-europe
