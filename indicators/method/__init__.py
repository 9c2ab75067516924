"""method room."""
