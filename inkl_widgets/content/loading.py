"""Load and check the workbook's texts: one folder per language, Danish is the reference.

A language folder holds ``workbook.yaml`` (the tool's texts, see ``data/content/SCHEMA.md``) and
``ui.yaml`` (the interface's words). Consultants edit these files; every problem found is reported
with the file, the id and what is wrong, so they never need to read Python.
"""

from __future__ import annotations

import importlib.util
import re
import string
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import msgspec

from inkl_widgets.content import cache
from inkl_widgets.content.locale import (
    CLDR,
    LOCALE_KEY,
    PLURAL_MARK,
    cldr_data,
    plural_form,
    plural_forms,
)
from inkl_widgets.content.model import Questions, Section, Way, Ways, WorkbookTexts
from inkl_widgets.content.resources import content_dir

REFERENCE_LANGUAGE = "da"
SECTION_IDS = ("front", "usage", "step1", "step2", "step3", "step4", "credits")
STEP_IDS = ("step1", "step2", "step3", "step4")
LANGUAGE_FILES = ("workbook.yaml", "ui.yaml")
# What a loaded language also depends on: the code that reads, checks and renders it.
_PACKAGE = Path(__file__).resolve().parent
READING_CODE = tuple(
    _PACKAGE / name for name in ("loading.py", "model.py", "cache.py", "markup.py", "locale.py")
)


class ContentError(Exception):
    """The content files are broken; ``problems`` lists each one as a full sentence."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Content:
    """One language's texts and interface words, with lookups the pages need."""

    texts: WorkbookTexts
    ui: dict[str, str]
    markdown_html: dict[str, str] = field(default_factory=dict)  # the texts' Markdown, rendered

    @property
    def language(self) -> str:
        return self.texts.language

    @property
    def locale(self) -> str:
        """The locale whose numbers and dates the language writes (``ui.yaml``'s ``locale``)."""
        return self.ui.get(LOCALE_KEY, self.language)

    def t(self, key: str, **params: object) -> str:
        """An interface text, filled in; a missing key shows itself rather than crashing a page.

        A plural message (forms ``one``, ``other``, ... in ``ui.yaml``) takes the form that its
        ``count`` calls for in this language.
        """
        text = self.ui.get(key)
        if text is None and "count" in params:
            form = plural_form(self, params["count"])
            text = self.ui.get(f"{key}{PLURAL_MARK}{form}", self.ui.get(f"{key}{PLURAL_MARK}other"))
        if text is None:
            text = f"[{key}]"
        return text.format(**params) if params else text

    def section(self, section_id: str) -> Section:
        return next(s for s in self.texts.sections if s.id == section_id)

    @property
    def steps(self) -> list[Section]:
        return [self.section(step_id) for step_id in STEP_IDS]

    def question_groups(self, step_id: str):
        block = self.section(step_id).element("questions")
        return block.groups if isinstance(block, Questions) else []

    def question_ids(self, step_id: str) -> list[str]:
        return [q.id for group in self.question_groups(step_id) for q in group.questions]

    @property
    def ways(self) -> list[Way]:
        block = self.section("step1").element("ways")
        return block.items if isinstance(block, Ways) else []


def available_languages(folder: Path | None = None) -> list[str]:
    """Languages with a content folder, the reference language first."""
    root = folder or content_dir()
    found = sorted(p.name for p in root.iterdir() if (p / "workbook.yaml").is_file())
    return sorted(found, key=lambda code: code != REFERENCE_LANGUAGE)


def language_names(folder: Path | None = None) -> list[tuple[str, str]]:
    """(name, code) of every language, for the language switch that every page shows; a
    language whose files are broken is named by its code."""
    root = folder or content_dir()
    names = []
    for code in available_languages(root):
        try:
            names.append((load_content(code, root).texts.language_name, code))
        except ContentError:
            names.append((code, code))
    return names


def load_content(language: str = REFERENCE_LANGUAGE, folder: Path | None = None) -> Content:
    """The checked content of one language; raises ``ContentError`` naming every problem."""
    root = (folder or content_dir()).resolve()
    return _load_checked(root, language)


@lru_cache(maxsize=16)
def _load_checked(root: Path, language: str) -> Content:
    # stamped before reading: a file changed meanwhile makes the next page read it again
    found = cache.stamps(_sources(root, language))
    cached = cache.read(root, language, found) if found is not None else None
    if cached is not None:
        return Content(texts=cached.texts, ui=cached.ui, markdown_html=cached.markdown_html)
    problems = check_content(root, only=language)
    if problems:
        raise ContentError(problems)
    texts, ui, _ = _read_language(root / language)
    assert texts is not None  # checked above: a language without problems has its texts
    from inkl_widgets.content.markup import (
        rendered_markdown,  # markup reads Content: imported when it is needed
    )

    content = Content(texts=texts, ui=ui, markdown_html=rendered_markdown(texts))
    if found is not None:
        cache.write(root, language, cache.CachedLanguage(found, texts, ui, content.markdown_html))
    return content


def _reference_root(root: Path) -> Path:
    """Where the reference language is: beside the checked languages, or the shipped one."""
    return root if (root / REFERENCE_LANGUAGE).is_dir() else content_dir()


def _sources(root: Path, language: str) -> list[Path]:
    """Every file a loaded language is made from: its files, the reference language's, the
    code that reads them and the Markdown renderer."""
    folders = dict.fromkeys([_reference_root(root) / REFERENCE_LANGUAGE, root / language])
    files = [folder / name for folder in folders for name in LANGUAGE_FILES]
    renderer = importlib.util.find_spec("mistune")
    return [
        *files,
        *READING_CODE,
        *([Path(renderer.origin)] if renderer and renderer.origin else []),
    ]


def check_content(path: Path, only: str | None = None) -> list[str]:
    """Every problem in a content folder (or one language folder), as sentences; [] when sound.

    Each language is checked on its own and then against the reference language, whose ids,
    interface keys and placeholders every other language must match.
    """
    path = Path(path)
    if (path / "workbook.yaml").is_file():
        root, languages = path.parent, [path.name]
    elif path.is_dir():
        root = path
        languages = [only] if only else available_languages(path)
    else:
        return [f"{path}: no such content folder"]
    if not languages:
        return [f"{path}: no language folder with a workbook.yaml"]
    reference = _read_language(_reference_root(root) / REFERENCE_LANGUAGE)
    problems = list(reference[2]) if REFERENCE_LANGUAGE in languages else []
    for language in languages:
        if language == REFERENCE_LANGUAGE:
            continue
        texts, ui, own_problems = _read_language(root / language)
        problems += own_problems
        if not own_problems and not reference[2]:
            problems += _compare(root / language, texts, ui, reference[0], reference[1])
    return problems


def _read_language(folder: Path) -> tuple[WorkbookTexts | None, dict[str, str], list[str]]:
    """A language's texts, interface words and problems; read once while its files stay as they
    are (loading a language checks it against the reference first, which reads both again)."""
    stamps = tuple(cache.stamp(folder / name) for name in LANGUAGE_FILES)
    return _read_language_as_of(folder, stamps)


@lru_cache(maxsize=16)
def _read_language_as_of(
    folder: Path, _stamps: tuple
) -> tuple[WorkbookTexts | None, dict[str, str], list[str]]:
    workbook_file, ui_file = folder / "workbook.yaml", folder / "ui.yaml"
    problems: list[str] = []
    raw = _read_yaml(workbook_file, problems)
    ui = _read_yaml(ui_file, problems)
    if problems:
        return None, {}, problems
    ui, ui_problems = _flat_ui(ui_file, ui)
    if ui_problems:
        return None, {}, ui_problems
    try:
        texts = msgspec.convert(raw, WorkbookTexts, strict=True)
    except msgspec.ValidationError as error:
        return None, ui, [_describe(workbook_file, raw, error)]
    problems += _structure_problems(workbook_file, texts)
    if texts.language != folder.name:
        problems.append(
            f"{workbook_file}: language is '{texts.language}', folder is '{folder.name}'"
        )
    return texts, ui, problems


def _flat_ui(file: Path, raw) -> tuple[dict[str, str], list[str]]:
    """``ui.yaml`` as ``key: text``, a plural message's forms as ``key#one``, ``key#other``.

    A plural message must have exactly the forms its language's CLDR rules name (Danish and
    English: ``one`` and ``other``), each with ``{count}`` or the same placeholders as the rest.
    """
    if not isinstance(raw, dict):
        return {}, [f"{file}: every entry must be 'key: text'"]
    locale = raw.get(LOCALE_KEY, file.parent.name)
    try:
        needed = plural_forms(str(locale))
    except (ValueError, LookupError):
        return {}, [f"{file}: key '{LOCALE_KEY}': '{locale}' is not a locale Babel knows"]
    flat: dict[str, str] = {}
    problems = []
    for key, value in raw.items():
        if isinstance(value, str):
            flat[str(key)] = value
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            forms = set(map(str, value))
            if forms != needed:
                problems.append(
                    f"{file}: key '{key}': a plural message needs the forms "
                    f"{sorted(needed)}, it has {sorted(forms)}"
                )
            flat.update({f"{key}{PLURAL_MARK}{form}": text for form, text in value.items()})
        else:
            problems.append(f"{file}: key '{key}': must be a text, or a text for each plural form")
    if not problems:
        flat.update(cldr_data(str(locale)))  # kept in the content cache: no page loads CLDR
    return flat, problems


def _read_yaml(file: Path, problems: list[str]):
    import yaml  # only when the content cache has no current copy (see content_cache)

    if not file.is_file():
        problems.append(f"{file}: file is missing")
        return None
    # libyaml's safe loader where PyYAML was built with it: six times faster
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(file.read_text(encoding="utf-8"), Loader=loader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problems.append(f"{file}: not readable YAML ({str(error).splitlines()[0]})")
        return None


def _items(count: str) -> str:
    return f"{count} item" if count == "1" else f"{count} items"


# msgspec's refusals, in words for the person editing the file: (pattern, field named, problem)
_WORDING = (
    (re.compile(r"Object missing required field `(\w+)`"), "{0}", lambda _: "is missing"),
    (re.compile(r"Object contains unknown field `(.*)`"), "{0}", lambda _: "is not a known field"),
    (
        re.compile(r"Expected `array` of length >= (\d+)"),
        "",
        lambda n: f"needs at least {_items(n)}",
    ),
    (
        re.compile(r"Expected `array` of length <= (\d+)"),
        "",
        lambda n: f"takes at most {_items(n)}",
    ),
    (re.compile(r"Expected `str` of length >= 1"), "", lambda: "must not be empty"),
    (
        re.compile(r"Invalid value '(.*)'"),
        "",
        lambda _: "is not a kind of element the workbook has",
    ),
)


def _describe(file: Path, raw, error: Exception) -> str:
    """Name the innermost element an error sits in by its id, so a consultant can find it."""
    text, _, location = str(error).partition(" - at `")
    steps = [
        int(index) if index else name
        for name, index in re.findall(r"\.(\w+)|\[(\d+)\]", location.rstrip("`"))
    ]
    problem = text.replace("`", "")
    for pattern, named, wording in _WORDING:
        if match := pattern.match(text):
            steps += [named.format(*match.groups())] if named else []
            problem = wording(*match.groups())
            break
    node, where, field = raw, "top level", []
    for step in steps:
        field.append(str(step))
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and step < len(node)
        ):
            node = node[step]
        else:
            break
        if isinstance(node, dict) and "id" in node:
            where, field = f"id '{node['id']}'", []
    return f"{file}: {where}: {'.'.join(field) or 'value'}: {problem}"


def _all_ids(texts: WorkbookTexts) -> list[str]:
    ids = []
    for section in texts.sections:
        ids.append(section.id)
        for element in section.elements:
            ids.append(element.id)
            if isinstance(element, Questions):
                for group in element.groups:
                    ids += [group.id, *(q.id for q in group.questions)]
            if isinstance(element, Ways):
                ids += [way.id for way in element.items]
    return ids


def _structure_problems(file: Path, texts: WorkbookTexts) -> list[str]:
    problems = [
        f"{file}: id '{item}': used {count} times; ids must be unique"
        for item, count in Counter(_all_ids(texts)).items()
        if count > 1
    ]
    present = [s.id for s in texts.sections]
    problems += [f"{file}: id '{s}': section is missing" for s in SECTION_IDS if s not in present]
    for step in (s for s in texts.sections if s.id in STEP_IDS):
        if not step.name or step.element("notes") is None:
            problems.append(f"{file}: id '{step.id}': a step needs a name and a notes element")
    for step_id in ("step1", "step2"):
        if step_id in present and not isinstance(
            next(s for s in texts.sections if s.id == step_id).element("questions"), Questions
        ):
            problems.append(f"{file}: id '{step_id}': the step needs its questions")
    return problems


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _compare(folder: Path, texts, ui, ref_texts, ref_ui) -> list[str]:
    file, ui_file = folder / "workbook.yaml", folder / "ui.yaml"
    ids, ref_ids = _all_ids(texts), _all_ids(ref_texts)
    problems = [
        f"{file}: id '{i}': missing (the {REFERENCE_LANGUAGE} texts have it)"
        for i in ref_ids
        if i not in ids
    ]
    problems += [
        f"{file}: id '{i}': not in the {REFERENCE_LANGUAGE} texts" for i in ids if i not in ref_ids
    ]
    # plural messages are compared as messages: each language has its own forms
    messages, ref_messages = _messages(ui), _messages(ref_ui)
    problems += [f"{ui_file}: key '{k}': missing" for k in ref_messages if k not in messages]
    problems += [
        f"{ui_file}: key '{k}': not in the {REFERENCE_LANGUAGE} texts"
        for k in messages
        if k not in ref_messages
    ]
    problems += [
        f"{ui_file}: key '{k}': placeholders must be {sorted(ref_messages[k])}"
        for k in messages
        if k in ref_messages and messages[k] != ref_messages[k]
    ]
    return problems


def _messages(ui: dict[str, str]) -> dict[str, set[str]]:
    """Each message's key (a plural message's forms under one key) and its placeholders; a
    form may leave out ``{count}`` ("ét punkt")."""
    messages: dict[str, set[str]] = {}
    for key, text in ui.items():
        if key.startswith(CLDR):
            continue  # derived from the locale, not written
        message, plural, _ = key.partition(PLURAL_MARK)
        found = _placeholders(text) | ({"count"} if plural else set())
        messages[message] = messages.get(message, set()) | found
    return messages
