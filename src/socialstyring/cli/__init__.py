"""The ``socialstyring`` command: a thin face over the services."""
