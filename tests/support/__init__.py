"""Helpers shared by the fetch and batch tests (loopback servers, invented pages)."""
