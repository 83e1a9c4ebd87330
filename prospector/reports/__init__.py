"""Printed reports: the call day's list and sheets as PDF."""
