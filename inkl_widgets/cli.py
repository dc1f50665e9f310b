"""``inkl``: the workbook from the command line — start the app, list, create, export, import.

Errors are one line in the user's language (``--lang`` or ``INKL_LANG``) and a non-zero exit,
never a traceback. Whatever is printed passes ``printable``: text from a file or the database
reaches the terminal with its control and bidi characters escaped.
"""

from __future__ import annotations

import argparse
import logging
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
from inkl_widgets.server.launch import MAX_KERNELS, MAX_SHARED_KERNELS
from inkl_widgets.store.database import default_data_dir, open_store, open_store_as_allowed
from inkl_widgets.store.participant_links import DEFAULT_HOURS as DEFAULT_LINK_HOURS
from inkl_widgets.store.participant_links import MAX_HOURS as MAX_LINK_HOURS
from inkl_widgets.store.participant_links import issue_link, revoke_links
from inkl_widgets.store.portable import import_backup, parse_backup, to_json
from inkl_widgets.terminal import printable

REPORT_FORMATS = ("html", "notebook", "status", "handout")  # status, handout: export/sheets.py
PLAN_FORMATS = ("csv", "xlsx", "ics")  # the action plan only, see plan_files


def _number(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(text)
        return value

    parse.__name__ = f"number from {low} to {high}"
    return parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inkl", description="The inclusion workbook: a Voilà app and its command line."
    )
    parser.add_argument(
        "--data-dir",
        help="folder of the workbook database (env INKL_DATA_DIR); "
        "with INKL_DATABASE_URL the workbooks are there instead",
    )
    parser.add_argument("--lang", help="language of messages: da or en (env INKL_LANG)")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="also print the cause of a refused write"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    app = commands.add_parser("app", help="start the app in Voilà, with the demo workbook")
    app.add_argument(
        "--port", type=_number(1, 65535), default=8866, help="port on 127.0.0.1 (default 8866)"
    )
    app.add_argument("--no-browser", action="store_true", help="do not open a browser")
    app.add_argument("--preheat", action="store_true", help="keep a preheated kernel per page")
    app.add_argument(
        "--max-kernels",
        type=_number(1, 10_000),
        help=f"live kernels at most, one per open page (default {MAX_KERNELS}, "
        f"with --share {MAX_SHARED_KERNELS})",
    )
    app.add_argument(
        "--share",
        action="store_true",
        help="serve the local network too, behind a facilitator link and participant links",
    )
    app.add_argument("--host", help="the address to share on (default: found automatically)")
    app.add_argument("--certfile", help="serve HTTPS with this certificate (PEM)")
    app.add_argument("--keyfile", help="the certificate's private key (PEM)")
    app.add_argument(
        "--trust-xheaders",
        action="store_true",
        help="behind a TLS proxy: trust its X-Forwarded-Proto and X-Forwarded-For headers",
    )
    app.add_argument(
        "--public-url", help="behind a TLS proxy, with --share: the address people open"
    )
    link = commands.add_parser("link", help="print a participant link to a workbook")
    link.add_argument("workbook", help="workbook id (see 'inkl list')")
    link.add_argument(
        "--hours",
        type=_number(1, MAX_LINK_HOURS),
        default=DEFAULT_LINK_HOURS,
        help=f"how long the link works (default {DEFAULT_LINK_HOURS})",
    )
    link.add_argument("--revoke", action="store_true", help="end all of the workbook's links")

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
    _log_causes(args.verbose)
    language = args.lang or os.environ.get("INKL_LANG") or REFERENCE_LANGUAGE
    try:
        content = load_content(language)
    except ContentError as error:
        _say(error.problems[0], sys.stderr)
        return 1
    try:
        return _run(args, content)
    except WorkbookError as error:
        _say(error.message(content), sys.stderr)
        return 1
    except Exception:  # the last resort: one line, never a traceback
        _say(content.t("error.unexpected"), sys.stderr)
        return 1


def _log_causes(verbose: bool) -> None:
    """The package's log (e.g. SQLite's error behind a refused write) on standard error with
    ``--verbose``; otherwise the user sees only the one sentence."""
    logger = logging.getLogger("inkl_widgets")
    logger.handlers = [logging.StreamHandler() if verbose else logging.NullHandler()]
    logger.setLevel(logging.WARNING)


def _say(text: str, stream=None) -> None:
    print(printable(text), file=stream or sys.stdout)


def _row(*cells: object) -> str:
    """One line of a tab-separated table, whatever the cells hold."""
    return "\t".join(printable(cell) for cell in cells)


def _run(args, content) -> int:
    if args.command == "check-content":
        return _check(args.path)
    if args.command == "template-path":
        from inkl_widgets.export.html_report import template_path

        print(template_path())
        return 0
    if args.command == "app":
        from inkl_widgets.server.launch import run_app

        store, refused = open_store_as_allowed(_store_location(args))
        if refused:  # the app still shows the workbooks, and says so in every page
            _say(content.t(f"error.{refused}"), sys.stderr)
        share_address = _share_address(args) if args.share else ""
        return run_app(
            store,
            share_address=share_address,
            port=args.port,
            browser=not args.no_browser,
            preheat=args.preheat,
            data_dir=args.data_dir,
            max_kernels=args.max_kernels or (MAX_SHARED_KERNELS if args.share else MAX_KERNELS),
            https=_https(args),
        )
    store = open_store(_store_location(args), writable=_writes(args))
    if args.command == "demo":
        from inkl_widgets.server.launch import ensure_demo

        demo_id = ensure_demo(store)
        if demo_id is None:  # a read-only data folder without the demo
            raise WorkbookError("read_only")
        _say(content.t("cli.demo_loaded", name=store.load(demo_id).name))
    elif args.command == "list":
        summaries = store.list()
        for item in summaries:
            print(_row(item.id, item.cycle, item.updated_at[:16], item.name))
        if not summaries:
            _say(content.t("cli.no_workbooks"))
    elif args.command == "new":
        workbook_id = store.create(args.name, language=args.language)
        _say(content.t("cli.created", name=args.name, id=workbook_id))
    elif args.command == "export":
        _export(store, content, args)
    elif args.command == "import":
        file = Path(args.file)
        if not file.is_file():
            raise WorkbookError("no_such_file", file=file.name)
        try:
            data = file.read_bytes()
        except (OSError, ValueError):
            raise WorkbookError("cannot_read", file=file.name) from None
        workbook = parse_backup(data)
        workbook_id = import_backup(store, workbook, as_new=args.as_new, replace=args.replace)
        _say(content.t("cli.imported", id=workbook_id))
    elif args.command == "history":
        _history(store, content, args)
    elif args.command == "link":
        _link(store, content, args)
    return 0


def _store_location(args) -> str | None:
    """Where the workbooks are, as the app's pages find them: the PostgreSQL database that
    ``INKL_DATABASE_URL`` names, else the data folder (``--data-dir``, ``INKL_DATA_DIR``), so
    that a command and a running app never look in two places."""
    return os.environ.get("INKL_DATABASE_URL") or args.data_dir


def _https(args):
    """HTTPS as ``--certfile``/``--keyfile``/``--trust-xheaders``/``--public-url`` say, checked
    here: a missing certificate or a malformed address is one line, not a server that fails to
    start."""
    import ssl
    from urllib.parse import urlsplit

    from inkl_widgets.server.launch import Https

    if args.certfile:
        try:
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(
                args.certfile, args.keyfile
            )
        except (OSError, ssl.SSLError):
            raise WorkbookError("bad_certificate", file=args.certfile) from None
    public = urlsplit(args.public_url or "")
    if args.public_url and (public.scheme not in ("https", "http") or not public.hostname):
        raise WorkbookError("bad_public_url", url=args.public_url)
    files = [str(Path(file).resolve()) if file else "" for file in (args.certfile, args.keyfile)]
    return Https(*files, trust_xheaders=args.trust_xheaders, public_url=args.public_url or "")


def _share_address(args) -> str:
    """``--host``, else this machine's address on the local network."""
    from inkl_widgets.server.network import local_network_address

    address = args.host or local_network_address()
    if not address:
        raise WorkbookError("no_network_address")
    return address


def _link(store, content, args) -> None:
    from inkl_widgets.store.sharing import participant_url, shared_address

    if args.revoke:
        _say(content.t("cli.links_revoked", count=revoke_links(store, args.workbook)))
        return
    token = issue_link(store, args.workbook, hours=args.hours)
    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    base = shared_address(data_dir) or "http://127.0.0.1:8866"
    print(participant_url(base, token))


def _writes(args) -> bool:
    """Whether the command changes the database; the others open it for reading only."""
    if args.command == "history":
        return args.restore is not None
    return args.command not in ("list", "export")


def _export(store, content, args) -> None:
    workbook = store.load(args.workbook)
    if args.to in PLAN_FORMATS:
        _plan_file(workbook, content, args)
        return
    document = _report(workbook, content, args) if args.to in REPORT_FORMATS else to_json(workbook)
    if args.output:
        _write(args.output, document.encode("utf-8"))
        _say(content.t("cli.exported", file=args.output))
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
        _write(args.output, data)
        _say(content.t("files.exported", file=args.output))
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _write(output: str, data: bytes) -> None:
    """Write a file the user named; a missing folder, a folder or no permission is one line."""
    try:
        Path(output).write_bytes(data)
    except (OSError, ValueError):  # ValueError: a NUL in the name
        raise WorkbookError("cannot_write", file=output) from None


def _history(store, content, args) -> None:
    if args.restore is not None:
        store.restore(args.workbook, args.restore)
        _say(content.t("cli.restored", field=store.history(args.workbook)[-1].path))
        return
    for change in store.history(args.workbook, path=args.field):
        new = "" if change.new is None else repr(change.new)
        print(
            _row(
                change.sequence,
                change.at[:19],
                change.origin,
                change.author or "-",
                change.path,
                new[:60],
            )
        )


def _check(path: str | None) -> int:
    folder = Path(path) if path else content_dir()
    problems = check_content(folder)
    for problem in problems:
        _say(problem, sys.stderr)
    if not problems:
        languages = (
            [folder.name] if (folder / "workbook.yaml").is_file() else available_languages(folder)
        )
        _say(load_content().t("cli.content_ok", languages=", ".join(languages)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
