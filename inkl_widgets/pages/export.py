"""The export page: the filled workbook as one HTML file, the backup, the plan's files, and
restoring a backup."""

from __future__ import annotations

from functools import partial
from html import escape

import ipywidgets as widgets

from inkl_widgets.export.html_report import export_html
from inkl_widgets.pages.page import Page
from inkl_widgets.widgets.backup import BackupUpload
from inkl_widgets.widgets.binding import PLAIN, PageContext, labelled, static_html
from inkl_widgets.widgets.change_log import RecentChanges
from inkl_widgets.widgets.downloads import DownloadButtons, MadeFile, PlanDownloads, file_stem


class ReportDownload(widgets.VBox):
    """The whole workbook as one HTML file, in one click; a board usually wants only its
    answers, so the steps' own texts come only when asked for."""

    def __init__(self, ctx: PageContext):
        t = ctx.content.t
        self.ctx = ctx
        self.with_texts = labelled(
            widgets.Checkbox,
            "inkl-inline",
            value=False,
            description=t("export_page.with_texts"),
            indent=False,
        )
        self.download = DownloadButtons(ctx, [(t("export_page.html_link"), self.report_file)])
        super().__init__([self.with_texts, self.download], layout=PLAIN)

    def report_file(self) -> MadeFile:
        workbook = self.ctx.session.workbook
        html = export_html(workbook, self.ctx.content, include_texts=self.with_texts.value)
        name = f"{file_stem(workbook.name, self.ctx.content.t('export_page.stem'))}.html"
        return html.encode("utf-8"), name, "text/html"


class SheetDownloads(DownloadButtons):
    """The status sheet and the meeting handout (``export/sheets.py``), a button each."""

    def __init__(self, ctx: PageContext):
        t = ctx.content.t
        super().__init__(
            ctx,
            [
                (t(f"export_page.{kind}_link"), partial(self.sheet_file, kind))
                for kind in ("status", "handout")
            ],
        )

    def sheet_file(self, kind: str) -> MadeFile:
        from inkl_widgets.export.sheets import sheet_html  # nbconvert: only when asked for

        workbook = self.ctx.session.workbook
        html = sheet_html(kind, workbook, self.ctx.content)
        name = f"{file_stem(workbook.name, self.ctx.content.t(f'export_page.{kind}_stem'))}.html"
        return html.encode("utf-8"), name, "text/html"


class ExportPage(Page):
    page = "export"

    def body(self) -> list[widgets.Widget]:
        ctx = self.ctx
        t = ctx.content.t
        parts: list[widgets.Widget] = [static_html(f"<h1>{escape(t('export_page.title'))}</h1>")]
        if not isinstance(ctx, PageContext):
            parts.append(static_html(f"<p>{escape(t('page.no_workbook'))}</p>"))
        else:
            parts += [
                static_html(
                    f"<h2>{escape(t('export_page.report'))}</h2>"
                    f"<p>{escape(t('export_page.report_help'))}</p>"
                ),
                ReportDownload(ctx),
                static_html(
                    f"<h2>{escape(t('export_page.sheets'))}</h2>"
                    f"<p>{escape(t('export_page.sheets_help'))}</p>"
                ),
                SheetDownloads(ctx),
                static_html(f"<h2>{escape(t('export_page.plan_files'))}</h2>"),
                PlanDownloads(ctx),
                RecentChanges(ctx),
            ]
        parts.append(BackupUpload(ctx, self.bridge))
        return parts
