# Required by target.txt (REQUIRE). c3kit does not run Ruby; this file only
# exists so the target folder is a complete COSMOS target.
INST_CMD_APID = 999
