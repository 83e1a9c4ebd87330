"""Prospector: plan B2B prospecting from target companies to qualified leads."""

__version__ = "0.1.0"
