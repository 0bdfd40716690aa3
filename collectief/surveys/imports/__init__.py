"""Import surveys (XLSForm) and responses (CSV/XLSX exports of other tools)."""
