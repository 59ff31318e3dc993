"""Applications of every type the law knows, their goods lines, parties and documents."""
