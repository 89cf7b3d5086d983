"""Django models and bulk frame I/O: the only place that knows the database."""
