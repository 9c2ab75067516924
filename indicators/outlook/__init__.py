"""outlook room."""
