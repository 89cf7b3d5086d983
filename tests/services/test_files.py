"""Files named on the command line are read only while they are checked."""

from __future__ import annotations

import pytest

from socialstyring.io.problems import ImportRejected
from socialstyring.services.files import OnDisk, Upload, read_uploads
from tests.helpers import EXAMPLES


def test_a_file_on_disk_is_the_upload_of_its_bytes():
    path = EXAMPLES / "kommune-dk" / "bevillinger.csv"
    (on_disk,) = read_uploads([path])
    in_memory = Upload.from_path(path)
    assert isinstance(on_disk, OnDisk)
    assert (on_disk.name, on_disk.data, on_disk.sha256) == (
        in_memory.name,
        in_memory.data,
        in_memory.sha256,
    )


def test_every_file_that_cannot_be_opened_is_named(tmp_path):
    with pytest.raises(ImportRejected) as caught:
        read_uploads([tmp_path / "mangler.csv", tmp_path, EXAMPLES / "kommune-dk" / "budget.csv"])
    assert [p.file for p in caught.value.problems] == [str(tmp_path / "mangler.csv"), str(tmp_path)]
    assert all("kan ikke åbnes" in p.reason for p in caught.value.problems)
