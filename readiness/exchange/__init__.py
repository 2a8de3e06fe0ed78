"""Assessment <-> other formats: spreadsheets (and next: OSCAL, portfolio tables)."""
