"""Files to validated frames and frames to files. Never touches the database."""
