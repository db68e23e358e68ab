"""Fashion-MNIST hors ligne : copie depuis le paquet Debian, fichiers abîmés remplacés, message clair quand
il manque."""

import gzip
import struct

import pytest

import provision_data


def fake_dataset(folder, marker: int = 0):
    """Des fichiers de la bonne forme (en-tête IDX, taille), remplis d'un octet reconnaissable."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (magic, size) in provision_data.EXPECTED.items():
        body = struct.pack(">i", magic) + bytes([marker]) * (size - 4)
        (folder / name).write_bytes(gzip.compress(body, compresslevel=1))


def content(path) -> int:
    return gzip.decompress(path.read_bytes())[-1]


def test_copies_only_missing_files(tmp_path):
    source, target = tmp_path / "debian", tmp_path / "keras" / "datasets" / "fashion-mnist"
    fake_dataset(source, marker=1)
    fake_dataset(target, marker=2)
    (target / provision_data.FILES[1]).unlink()
    provision_data.provision(source, target)
    assert content(target / provision_data.FILES[0]) == 2  # déjà là et valide : gardé
    assert content(target / provision_data.FILES[1]) == 1


def test_truncated_file_is_replaced(tmp_path):
    source, target = tmp_path / "debian", tmp_path / "cache"
    fake_dataset(source, marker=1)
    fake_dataset(target, marker=2)
    damaged = target / provision_data.FILES[3]
    damaged.write_bytes(damaged.read_bytes()[:5000])  # copie interrompue
    assert provision_data.missing_files(target) == [provision_data.FILES[3]]
    provision_data.provision(source, target)
    assert provision_data.missing_files(target) == [] and content(damaged) == 1


def test_missing_package_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError) as error:
        provision_data.provision(tmp_path / "absent", tmp_path / "cache")
    assert "apt-get install dataset-fashion-mnist" in str(error.value)
    assert "scripts/provision_data.py" in str(error.value)


def test_keras_home_is_respected(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert provision_data.keras_cache_dir() == tmp_path / "datasets" / "fashion-mnist"
