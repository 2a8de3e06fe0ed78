"""Documents -> checklists: the model, the catalog of versions, checks, applicability, pins."""
