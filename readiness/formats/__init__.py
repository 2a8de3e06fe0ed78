"""Bytes <-> documents: safe YAML with positions, problems, schemas, messages, atomic files."""
