"""All file reading and writing: the core never touches paths."""
