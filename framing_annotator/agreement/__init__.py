"""agreement layer."""
