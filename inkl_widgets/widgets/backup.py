"""Backups in the browser: a download link on every page, and restoring from an uploaded file.

On Binder the session and its disk vanish after minutes of idleness, so there the backup link
comes with a calm note saying so.
"""

from __future__ import annotations

import os
from html import escape

import ipywidgets as widgets

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.workbook import Workbook
from inkl_widgets.store.portable import MAX_BACKUP_BYTES, import_backup, parse_backup, to_json
from inkl_widgets.widgets.address import PAGES, page_link
from inkl_widgets.widgets.binding import PLAIN, AppContext, PageContext, button, static_html
from inkl_widgets.widgets.downloads import DownloadButtons, MadeFile, file_stem

# An upload travels to the kernel in one websocket message, and Jupyter's server closes the
# connection on messages over 10 MiB; below that the kernel checks the bytes it receives.
MAX_UPLOAD_BYTES = min(MAX_BACKUP_BYTES, 8 * 1024 * 1024)


def on_binder() -> bool:
    """mybinder.org sets these in every session it starts."""
    return any(name in os.environ for name in ("BINDER_LAUNCH_HOST", "BINDER_REPO_URL"))


def backup_file(ctx: PageContext) -> MadeFile:
    """The workbook's JSON backup as it is saved right now."""
    workbook = ctx.session.workbook
    name = f"{file_stem(workbook.name, ctx.content.t('backup.stem'))}.json"
    return to_json(workbook).encode("utf-8"), name, "application/json"


class BackupBar(DownloadButtons):
    """'Download a backup' on every page; on Binder with a note that the session will end."""

    def __init__(self, ctx: PageContext):
        note = escape(ctx.content.t("backup.binder_note"))
        super().__init__(
            ctx,
            [(ctx.content.t("backup.make"), lambda: backup_file(ctx))],
            "inkl-backup-bar",
            before=(static_html(f"<p>{note}</p>", "inkl-binder-note"),) if on_binder() else (),
        )


def describe(workbook: Workbook, ctx: AppContext) -> str:
    return ctx.content.t(
        "backup.found",
        name=workbook.name,
        answers=ctx.content.t("count.answers", count=len(workbook.answers)),
        rows=ctx.content.t("progress.rows", count=len(workbook.visible_plan())),
        meetings=ctx.content.t("progress.meetings", count=len(workbook.followups)),
    )


class BackupUpload(widgets.VBox):
    """Read a backup file, check it, and only then restore it or add it as a new workbook.

    Nothing is written until the user picks one of the two buttons; a problem with the file is
    shown as a message that never repeats the file's content.
    """

    def __init__(self, ctx: AppContext, bridge):
        t = ctx.content.t
        self.ctx, self.bridge = ctx, bridge
        self.candidate: Workbook | None = None
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        self.upload = widgets.FileUpload(
            accept=".json,application/json",
            multiple=False,
            description=t("backup.choose_file"),
            tooltip="",  # not title="null"
            icon="",  # the icon's glyph would be read out as part of the button's name
            _dom_classes=("inkl-add",),
        )
        self.summary = static_html("", "inkl-live")
        self.restore = button(t("backup.restore"), "inkl-add", disabled=True)
        self.as_new = button(t("backup.as_new"), "inkl-add", disabled=True)
        self.upload.observe(ctx.guard(self._received), names="value")
        self.restore.on_click(ctx.guard(lambda _b: self._store(as_new=False)))
        self.as_new.on_click(ctx.guard(lambda _b: self._store(as_new=True)))
        super().__init__(
            [
                static_html(
                    f"<h2>{escape(t('backup.upload_title'))}</h2>"
                    f"<p>{escape(t('backup.upload_help', limit_mb=limit))}</p>"
                ),
                self.upload,
                static_html(
                    f'<p class="inkl-alert inkl-too-big" role="alert" hidden '
                    f'data-limit="{MAX_UPLOAD_BYTES}">'
                    f"{escape(t('error.file_too_large', limit_mb=limit))}</p>"
                ),
                self.summary,
                widgets.HBox([self.restore, self.as_new], layout=PLAIN),
            ],
            _dom_classes=("inkl-upload",),
            layout=PLAIN,
        )

    def _received(self, change) -> None:
        self.candidate = None
        self.restore.disabled = self.as_new.disabled = True
        self.summary.value = ""
        files = change["new"]
        if not files:
            return
        data = bytes(files[0]["content"])
        if len(data) > MAX_UPLOAD_BYTES:
            raise WorkbookError("file_too_large", limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))
        self.candidate = parse_backup(data)
        self.ctx.alerts.clear()
        self.summary.value = f"<p>{escape(describe(self.candidate, self.ctx))}</p>"
        self.restore.disabled = self.as_new.disabled = False

    def _store(self, as_new: bool) -> None:
        if self.candidate is None:
            return
        workbook_id = import_backup(
            self.ctx.store, self.candidate, as_new=as_new, replace=not as_new
        )
        self.candidate = None
        self.restore.disabled = self.as_new.disabled = True
        self.summary.value = f"<p>{escape(self.ctx.content.t('backup.stored'))}</p>"
        self.bridge.go_to(page_link(PAGES["start"], workbook_id))
