"""The export page: the filled workbook as one HTML file, the backup, the plan's files, and
restoring a backup."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.export.html_report import export_html
from inkl_widgets.pages.page import Page
from inkl_widgets.widgets.backup import BackupUpload, backup_link
from inkl_widgets.widgets.binding import PLAIN, PageContext, button, labelled, static_html
from inkl_widgets.widgets.change_log import RecentChanges
from inkl_widgets.widgets.downloads import PlanDownloads, download_link, file_stem


class ReportDownload(widgets.VBox):
    """Make the HTML report on request; a board usually wants only its answers."""

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
        self.make = button(t("export_page.make_html"), "inkl-add")
        self.links = static_html()
        self.make.on_click(ctx.guard(lambda _button: self.make_links()))
        super().__init__([self.with_texts, self.make, self.links], layout=PLAIN)

    def make_links(self) -> None:
        t = self.ctx.content.t
        self.ctx.session.flush()
        workbook = self.ctx.session.workbook
        html = export_html(workbook, self.ctx.content, include_texts=self.with_texts.value)
        name = f"{file_stem(workbook.name, t('export_page.stem'))}.html"
        report = download_link(html.encode("utf-8"), name, "text/html", t("export_page.html_link"))
        self.links.value = (
            f'<p role="status">{escape(t("files.ready"))}</p>'
            f"<ul><li>{report}</li><li>{backup_link(self.ctx)}</li></ul>"
        )


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
                static_html(f"<h2>{escape(t('export_page.plan_files'))}</h2>"),
                PlanDownloads(ctx),
                RecentChanges(ctx),
            ]
        parts.append(BackupUpload(ctx, self.bridge))
        return parts
