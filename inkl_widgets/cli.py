"""``inkl``: the workbook from the command line — start the app, list, create, export, import.

Errors are one line in the user's language (``--lang`` or ``INKL_LANG``) and a non-zero exit.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from inkl_widgets.content.loading import (
    REFERENCE_LANGUAGE,
    ContentError,
    available_languages,
    check_content,
    load_content,
)
from inkl_widgets.content.resources import content_dir
from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.store.database import open_store
from inkl_widgets.store.portable import import_backup, parse_backup, to_json

REPORT_FORMATS = ("html", "notebook", "status", "handout")  # status, handout: export/sheets.py
PLAN_FORMATS = ("csv", "xlsx", "ics")  # the action plan only, see plan_files


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inkl", description="The inclusion workbook: a Voilà app and its command line."
    )
    parser.add_argument("--data-dir", help="folder of the workbook database (env INKL_DATA_DIR)")
    parser.add_argument("--lang", help="language of messages: da or en (env INKL_LANG)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    app = commands.add_parser("app", help="start the app in Voilà, with the demo workbook")
    app.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default 8866)")
    app.add_argument("--no-browser", action="store_true", help="do not open a browser")
    app.add_argument("--preheat", action="store_true", help="keep a preheated kernel per page")

    commands.add_parser("list", help="list the workbooks")
    new = commands.add_parser("new", help="create an empty workbook")
    new.add_argument("name", help="the organisation's name")
    new.add_argument("--language", default=REFERENCE_LANGUAGE, help="workbook language")

    export = commands.add_parser("export", help="write a workbook to a file")
    export.add_argument("workbook", help="workbook id (see 'inkl list')")
    export.add_argument(
        "--to", choices=["json", *REPORT_FORMATS, *PLAN_FORMATS], default="json", help="file format"
    )
    export.add_argument(
        "--with-texts", action="store_true", help="html, notebook: include the steps' texts"
    )
    export.add_argument("-o", "--output", help="file to write (default: standard output)")

    imported = commands.add_parser("import", help="read a workbook backup (JSON)")
    imported.add_argument("file", help="the backup file")
    mode = imported.add_mutually_exclusive_group()
    mode.add_argument("--as-new", action="store_true", help="import beside the others, new id")
    mode.add_argument("--replace", action="store_true", help="overwrite the workbook of that id")

    history = commands.add_parser("history", help="show a workbook's changes, or restore one")
    history.add_argument("workbook", help="workbook id")
    history.add_argument("--field", help="only this field path, e.g. answers/step1.q1.1")
    history.add_argument("--restore", type=int, metavar="N", help="put back change N's value")

    check = commands.add_parser("check-content", help="check a folder of content files")
    check.add_argument("path", nargs="?", help="content folder (default: the one in use)")

    commands.add_parser("demo", help="load the demo workbook if it is not there")
    commands.add_parser(
        "template-path", help="the folder of the report template, for 'jupyter nbconvert'"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    language = args.lang or os.environ.get("INKL_LANG") or REFERENCE_LANGUAGE
    try:
        content = load_content(language)
    except ContentError as error:
        print(error.problems[0], file=sys.stderr)
        return 1
    try:
        return _run(args, content)
    except WorkbookError as error:
        print(error.message(content), file=sys.stderr)
        return 1


def _run(args, content) -> int:
    if args.command == "check-content":
        return _check(args.path)
    if args.command == "template-path":
        from inkl_widgets.export.html_report import template_path

        print(template_path())
        return 0
    store = open_store(args.data_dir)
    if args.command == "app":
        from inkl_widgets.server.launch import run_app

        return run_app(
            store,
            port=args.port,
            browser=not args.no_browser,
            preheat=args.preheat,
            data_dir=args.data_dir,
        )
    if args.command == "demo":
        from inkl_widgets.server.launch import ensure_demo

        print(content.t("cli.demo_loaded", name=store.load(ensure_demo(store)).name))
    elif args.command == "list":
        summaries = store.list()
        for item in summaries:
            print(f"{item.id}\t{item.cycle}\t{item.updated_at[:16]}\t{item.name}")
        if not summaries:
            print(content.t("cli.no_workbooks"))
    elif args.command == "new":
        workbook_id = store.create(args.name, language=args.language)
        print(content.t("cli.created", name=args.name, id=workbook_id))
    elif args.command == "export":
        _export(store, content, args)
    elif args.command == "import":
        file = Path(args.file)
        if not file.is_file():
            raise WorkbookError("no_such_file", file=file.name)
        workbook = parse_backup(file.read_bytes())
        workbook_id = import_backup(store, workbook, as_new=args.as_new, replace=args.replace)
        print(content.t("cli.imported", id=workbook_id))
    elif args.command == "history":
        _history(store, content, args)
    return 0


def _export(store, content, args) -> None:
    workbook = store.load(args.workbook)
    if args.to in PLAN_FORMATS:
        _plan_file(workbook, content, args)
        return
    document = _report(workbook, content, args) if args.to in REPORT_FORMATS else to_json(workbook)
    if args.output:
        Path(args.output).write_text(document, encoding="utf-8")
        print(content.t("cli.exported", file=args.output))
    else:
        sys.stdout.write(document)


def _report(workbook, content, args) -> str:
    """The HTML report, or the notebook it is converted from, in the workbook's own language."""
    import nbformat

    from inkl_widgets.export.html_report import export_html
    from inkl_widgets.export.report import report_notebook

    if workbook.language in available_languages():
        content = load_content(workbook.language)
    if args.to == "html":
        return export_html(workbook, content, include_texts=args.with_texts)
    if args.to in ("status", "handout"):
        from inkl_widgets.export.sheets import sheet_html

        return sheet_html(args.to, workbook, content)
    return nbformat.writes(report_notebook(workbook, content, include_texts=args.with_texts))


def _plan_file(workbook, content, args) -> None:
    """The action plan as CSV, Excel or a calendar, in the workbook's own language."""
    from inkl_widgets.export.plan_files import PLAN_FILES

    texts = (
        load_content(workbook.language) if workbook.language in available_languages() else content
    )
    _mime, build = PLAN_FILES[args.to]
    data = build(workbook, texts)
    if args.output:
        Path(args.output).write_bytes(data)
        print(content.t("files.exported", file=args.output))
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _history(store, content, args) -> None:
    if args.restore is not None:
        store.restore(args.workbook, args.restore)
        print(content.t("cli.restored", field=store.history(args.workbook)[-1].path))
        return
    for change in store.history(args.workbook, path=args.field):
        new = "" if change.new is None else repr(change.new)
        print(f"{change.sequence}\t{change.at[:19]}\t{change.origin}\t{change.path}\t{new[:60]}")


def _check(path: str | None) -> int:
    folder = Path(path) if path else content_dir()
    problems = check_content(folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        languages = (
            [folder.name] if (folder / "workbook.yaml").is_file() else available_languages(folder)
        )
        print(load_content().t("cli.content_ok", languages=", ".join(languages)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
