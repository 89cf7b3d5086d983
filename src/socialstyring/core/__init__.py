"""Pure computation: polars frames in, frames out. No Django, no files, no clock."""
