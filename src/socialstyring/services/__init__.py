"""Use cases: they call io, core and storage, own the transaction and write the audit log."""
