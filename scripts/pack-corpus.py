#!/usr/bin/env python3
"""Pack the revision corpus compactly for the test suite.

Usage: python3 scripts/pack-corpus.py SOURCE_DIR OUT_DIR

SOURCE_DIR holds one folder per document, each with rev-0001.txt .. rev-NNNN.txt (full
texts: UTF-8, one line per paragraph, final newline, no blank lines), revisions.tsv and
SOURCE.md.  For each document this writes OUT_DIR/<document>/ with:

- rev-0001.txt, revisions.tsv, SOURCE.md: verbatim copies;
- history.patch: the changes between every consecutive pair of revisions, as computed by
  GNU `diff -U0` (the hunk boundaries must be GNU diff's, not those of the `similar` crate
  Redraft uses), each revision preceded by a header carrying its line count, byte length
  and FNV-1a 64-bit hash.  The format is described in OUT_DIR/README.md (not written by
  this script).

Only the Python 3 standard library and the `diff` command (GNU diffutils) are used.  After
writing, every revision is rebuilt from the packed files and compared byte for byte with
its source.
"""

import os
import re
import shutil
import subprocess
import sys

REV_NAME = re.compile(r"^rev-(\d{4})\.txt$")
HUNK_HEADER = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1


def fail(message):
    sys.exit(f"pack-corpus: {message}")


def fnv1a64(data):
    value = FNV_OFFSET
    for byte in data:
        value = ((value ^ byte) * FNV_PRIME) & MASK64
    return value


def diff_version():
    out = subprocess.run(
        ["diff", "--version"], capture_output=True, text=True, check=True
    ).stdout
    first = out.splitlines()[0] if out else ""
    if "GNU diffutils" not in first:
        fail(f"`diff` is not GNU diff: {first!r}")
    return first


def revision_files(doc_dir):
    names = sorted(n for n in os.listdir(doc_dir) if REV_NAME.match(n))
    for expected, name in enumerate(names, start=1):
        if name != f"rev-{expected:04d}.txt":
            fail(f"{doc_dir}: revisions are not numbered 1..N without gaps ({name})")
    if not names:
        fail(f"{doc_dir}: no rev-NNNN.txt")
    return names


def check_text(path, data):
    """The conventions the Rust loader relies on."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(f"{path}: not UTF-8 ({error})")
    if "\r" in text:
        fail(f"{path}: contains CR")
    if text and not text.endswith("\n"):
        fail(f"{path}: no final newline")
    for number, line in enumerate(text[:-1].split("\n") if text else [], start=1):
        if line.strip() == "":
            fail(f"{path}: line {number} is blank")


def diff_hunks(old_path, new_path):
    """GNU `diff -U0` of two files, as a list of (a, b, c, d, body lines)."""
    env = dict(os.environ, LC_ALL="C")
    run = subprocess.run(
        ["diff", "-U0", old_path, new_path], capture_output=True, env=env
    )
    if run.returncode not in (0, 1):
        fail(f"diff {old_path} {new_path} failed: {run.stderr.decode(errors='replace')}")
    lines = run.stdout.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    hunks = []
    index = 0
    # File header: "--- old" and "+++ new" (absent when the files are identical).
    if lines:
        if len(lines) < 2 or not (
            lines[0].startswith("--- ") and lines[1].startswith("+++ ")
        ):
            fail(f"unexpected diff output for {new_path}: {lines[:2]!r}")
        index = 2
    while index < len(lines):
        match = HUNK_HEADER.match(lines[index])
        if not match:
            fail(f"unexpected diff line for {new_path}: {lines[index]!r}")
        a, b, c, d = match.groups()
        a, c = int(a), int(c)
        b = 1 if b is None else int(b)
        d = 1 if d is None else int(d)
        index += 1
        body = []
        while index < len(lines) and not lines[index].startswith("@@ "):
            line = lines[index]
            index += 1
            if line.startswith("\\"):  # "\ No newline at end of file"
                continue
            body.append(line)
        removed = [line for line in body if line.startswith("-")]
        added = [line for line in body if line.startswith("+")]
        if body != removed + added or len(removed) != b or len(added) != d:
            fail(f"hunk {a},{b} {c},{d} of {new_path} is not {b} '-' then {d} '+' lines")
        hunks.append((a, b, c, d, body))
    return hunks


def apply_hunks(old_lines, hunks, where):
    """Rebuilds the new revision from GNU's -U0 hunks (an independent check of the pack)."""
    new_lines = []
    copied = 0  # old lines consumed so far
    for a, b, _c, _d, body in hunks:
        start = a if b == 0 else a - 1  # 0-based first replaced line / insertion point
        if start < copied or start + b > len(old_lines):
            fail(f"{where}: hunk at {a},{b} out of order or out of range")
        new_lines.extend(old_lines[copied:start])
        for offset, line in enumerate(body[:b]):
            if old_lines[start + offset] != line[1:]:
                fail(f"{where}: hunk at {a},{b}: removed line differs from the text")
        new_lines.extend(line[1:] for line in body[b:])
        copied = start + b
    new_lines.extend(old_lines[copied:])
    return new_lines


def lines_of(data):
    text = data.decode("utf-8")
    return text[:-1].split("\n") if text else []


def content_of(lines):
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def header(name, data):
    count = data.count(b"\n")
    return f"=== {name} lines={count} bytes={len(data)} fnv1a64={fnv1a64(data):016x}\n"


def pack_document(source_doc, out_doc, diff_name):
    names = revision_files(source_doc)
    os.makedirs(out_doc, exist_ok=True)
    for name in ("rev-0001.txt", "revisions.tsv", "SOURCE.md"):
        shutil.copyfile(os.path.join(source_doc, name), os.path.join(out_doc, name))

    document = os.path.basename(out_doc)
    out = [
        f"# history of {document}: revisions 1..{len(names)}, "
        f"from `diff -U0 rev-k rev-k+1` ({diff_name})\n"
    ]
    previous = None
    hunk_total = 0
    for name in names:
        path = os.path.join(source_doc, name)
        with open(path, "rb") as handle:
            data = handle.read()
        check_text(path, data)
        out.append(header(name, data))
        if previous is not None:
            hunks = diff_hunks(previous, path)
            hunk_total += len(hunks)
            for a, b, c, d, body in hunks:
                out.append(f"@@ -{a},{b} +{c},{d} @@\n")
                out.extend(line + "\n" for line in body)
        previous = path
    patch_path = os.path.join(out_doc, "history.patch")
    with open(patch_path, "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(out)
    verify_document(source_doc, out_doc, names)
    return len(names), hunk_total


def read_history(patch_path):
    """Parses history.patch: [(name, lines, bytes, fnv, [(a, b, c, d, body)])]."""
    sections = []
    with open(patch_path, encoding="utf-8", newline="\n") as handle:
        text = handle.read()
    for line in text[:-1].split("\n"):
        if line.startswith("=== "):
            fields = line.split(" ")
            values = dict(field.split("=", 1) for field in fields[2:])
            sections.append(
                (fields[1], int(values["lines"]), int(values["bytes"]),
                 int(values["fnv1a64"], 16), [])
            )
        elif line.startswith("@@ "):
            a, b, c, d = (int(x) for x in HUNK_HEADER.match(line).groups())
            sections[-1][4].append((a, b, c, d, []))
        elif line.startswith(("-", "+")):
            sections[-1][4][-1][4].append(line)
        elif not (line.startswith("#") and not sections):
            fail(f"{patch_path}: unexpected line {line!r}")
    return sections


def verify_document(source_doc, out_doc, names):
    sections = read_history(os.path.join(out_doc, "history.patch"))
    if [section[0] for section in sections] != names:
        fail(f"{out_doc}: history.patch does not list every revision")
    with open(os.path.join(out_doc, "rev-0001.txt"), "rb") as handle:
        lines = lines_of(handle.read())
    for index, (name, count, size, fnv, hunks) in enumerate(sections):
        if index > 0:
            lines = apply_hunks(lines, hunks, f"{out_doc}/{name}")
        data = content_of(lines)
        with open(os.path.join(source_doc, name), "rb") as handle:
            expected = handle.read()
        if data != expected or (count, size, fnv) != (
            len(lines), len(data), fnv1a64(data)
        ):
            fail(f"{out_doc}: rebuilt {name} differs from the source")


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    source, out = argv[1], argv[2]
    diff_name = diff_version()
    documents = sorted(
        name for name in os.listdir(source)
        if os.path.isdir(os.path.join(source, name))
    )
    if not documents:
        fail(f"{source}: no document folders")
    os.makedirs(out, exist_ok=True)
    for document in documents:
        revisions, hunks = pack_document(
            os.path.join(source, document), os.path.join(out, document), diff_name
        )
        print(f"{document}: {revisions} revisions, {hunks} hunks, verified")


if __name__ == "__main__":
    main(sys.argv)
