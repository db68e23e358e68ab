"""Fashion-MNIST hors ligne : copie depuis le paquet Debian, message clair quand il manque."""

import pytest

import provision_data


def test_copies_only_missing_files(tmp_path):
    source, target = tmp_path / "debian", tmp_path / "keras" / "datasets" / "fashion-mnist"
    source.mkdir()
    for name in provision_data.FILES:
        (source / name).write_bytes(name.encode())
    target.mkdir(parents=True)
    (target / provision_data.FILES[0]).write_bytes(b"deja la")
    provision_data.provision(source, target)
    assert (target / provision_data.FILES[0]).read_bytes() == b"deja la"
    assert all((target / name).read_bytes() == name.encode() for name in provision_data.FILES[1:])


def test_missing_package_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError) as error:
        provision_data.provision(tmp_path / "absent", tmp_path / "cache")
    assert "apt-get install dataset-fashion-mnist" in str(error.value)
    assert "scripts/provision_data.py" in str(error.value)


def test_keras_home_is_respected(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert provision_data.keras_cache_dir() == tmp_path / "datasets" / "fashion-mnist"
