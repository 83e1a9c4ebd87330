"""Services: use cases (they take a Database and own their transaction) and the steps they
compose (they take a Session)."""
