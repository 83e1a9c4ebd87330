"""Realistic German sample companies and contacts: generated once, shipped, loaded on request."""
