"""The management commands, and what they share: output (ReportCommand, the base of the
commands that run an engine and print its result, and Lines by verbosity), reports (the
engines' results as Lines), options (options several commands take) and sync_command (the
syncs and import_legacy)."""
