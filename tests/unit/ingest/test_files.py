"""Regular files only; a folder's odd entries are reported with their reason, never dropped silently."""

import os
from pathlib import Path

import pytest

from budgetlint.errors import InputError
from budgetlint.ingest import files
from budgetlint.ingest.files import display_path, open_regular, walk


def _refused(path) -> str:
    with pytest.raises(InputError) as info:
        open_regular(path, display_path(path))
    return info.value.message


def test_a_regular_file_opens_with_its_size(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"12345")
    fh, size = open_regular(target, str(target))
    with fh:
        assert size == 5 and fh.read() == b"12345"


def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "命名管道" in _refused(fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused_before_a_byte_is_read(device):
    assert "设备文件" in _refused(device)


def test_missing_empty_directory_and_broken_link_are_refused(tmp_path):
    assert "不存在" in _refused(tmp_path / "nope.txt")
    assert "路径为空" in _refused("")
    assert "目录" in _refused(tmp_path)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    assert "符号链接指向的文件不存在" in _refused(tmp_path / "dangling.txt")
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    assert "循环" in _refused(tmp_path / "x.txt")


def test_a_path_that_is_not_utf8_is_shown_escaped():
    assert display_path(os.fsdecode(b"/tmp/\xff\xfe.txt")) == "/tmp/\\xff\\xfe.txt"
    assert display_path("/tmp/预算.txt") == "/tmp/预算.txt"


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for name in ("b.pdf", "a.txt", "C.TXT", "notes.jpg", "sub/d.txt"):
        (root / name).write_text("x", encoding="utf-8")
    (root / "broken.txt").symlink_to(root / "gone.txt")
    (root / "sub" / "up").symlink_to(root)  # a link back to a folder being walked
    (root / "loop1").symlink_to(root / "loop2")
    (root / "loop2").symlink_to(root / "loop1")
    os.mkfifo(root / "pipe.txt")
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "e.txt").write_text("x", encoding="utf-8")
    return root


def test_a_folder_walk_returns_files_in_order_and_says_what_it_skipped(folder):
    found = walk([folder])
    assert [p.relative_to(folder).as_posix() for p in found.files] == [
        "C.TXT",
        "a.txt",
        "b.pdf",
        "linked/e.txt",
        "sub/d.txt",
    ]
    reasons = {Path(s.path).relative_to(folder).as_posix(): (s.reason, s.unreadable) for s in found.skipped}
    assert reasons == {
        "broken.txt": ("符号链接指向的文件不存在", True),
        "loop1": ("符号链接形成循环", True),
        "loop2": ("符号链接形成循环", True),
        "pipe.txt": ("这是命名管道（FIFO），不是普通文件", True),
        "sub/up": ("符号链接形成循环（指向上级目录）", True),
        "notes.jpg": ("不支持的文件类型（.jpg）", False),
    }


def test_an_unreadable_sub_folder_is_reported(folder, monkeypatch):
    real = os.scandir

    def scandir(path):
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(files.os, "scandir", scandir)
    found = walk([folder])
    assert [s.reason for s in found.skipped if s.path.endswith("sub")] == ["无法打开目录：没有读取权限"]
    assert not any(p.name == "d.txt" for p in found.files)


def test_named_files_are_kept_as_named_and_an_empty_name_is_skipped(tmp_path):
    found = walk([tmp_path / "z.txt", "", tmp_path / "missing.pdf"])
    assert found.files == (tmp_path / "z.txt", tmp_path / "missing.pdf")
    assert [s.reason for s in found.skipped] == ["路径为空（当前目录请写 .）"]
