"""Services: each function takes a Session, does one unit of work and returns frozen data."""
