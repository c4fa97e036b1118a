"""Qt-free, storage-free domain objects and rules."""
