"""Data in and out: spreadsheet import of staff lists, and roster exports (CSV, XLSX, iCalendar).

Nothing here imports a solver; the CLI and the API call the same functions, so they write the
same files.
"""
