"""The synthetic demo municipality: generated frames and the import files written from them."""

from socialstyring.demo.generator import (
    DemoMunicipality,
    default_grant_count,
    generate,
    write_files,
)

__all__ = ["DemoMunicipality", "default_grant_count", "generate", "write_files"]
