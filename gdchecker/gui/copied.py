"""对照上年: a section of this year's report beside the same section of last year's, the sentences that stood in
last year's report too marked on both sides."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gdchecker.model import Report
from gdchecker.names import section_name
from gdchecker.rules.years import copied_sections
from gdchecker.similar import Comparison, Sentence

MARK = "#ffe08a"  # the background of a repeated sentence (amber, as warnings are)


def sentences_html(sentences: list[Sentence]) -> str:
    if not sentences:
        return "<p style='color:#777'>（这一部分没有文字）</p>"
    out = []
    for s in sentences:
        text = html.escape(s.text)
        out.append(f"<span style='background:{MARK}'>{text}</span>" if s.repeated else text)
    return "<p style='line-height:150%'>" + "".join(out) + "</p>"


class CopiedDialog(QDialog):
    """Two panes, this year left and last year right, for one section at a time (a combo box picks it)."""

    def __init__(self, report: Report, last: Report, last_name: str, number: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("与上年报告对照")
        self.report, self.last = report, last
        self.comparisons: dict[str, Comparison] = copied_sections(report, last)
        self.pick = QComboBox()
        self.pick.setAccessibleName("选择部分")
        for n, c in self.comparisons.items():
            self.pick.addItem(f"{section_name(report, n)}（{round(c.share * 100)}% 相同）", n)
        self.now = QTextBrowser()
        self.now.setAccessibleName("本年报告")
        self.then = QTextBrowser()
        self.then.setAccessibleName("上年报告")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("部分："))
        top.addWidget(self.pick, 1)
        panes = QHBoxLayout()
        for title, view in ((f"本年报告：{_name(report)}", self.now), (f"上年报告：{last_name}", self.then)):
            col = QVBoxLayout()
            head = QLabel(title)
            head.setWordWrap(True)
            col.addWidget(head)
            col.addWidget(view, 1)
            panes.addLayout(col, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addLayout(panes, 1)
        legend = QLabel(f"<span style='background:{MARK}'>底色</span>标出的句子在两年的报告中都有（数字、年份不计）")
        lay.addWidget(legend)
        lay.addWidget(buttons)
        self.resize(1000, 620)
        self.pick.currentIndexChanged.connect(self._show)
        if number is not None and number in self.comparisons:
            self.pick.setCurrentIndex(list(self.comparisons).index(number))
        self._show()

    def _show(self, _i: int = 0) -> None:
        n = self.pick.currentData()
        c = self.comparisons.get(n) if n else None
        if c is None:
            self.summary.setText("两份报告中没有可以对照的部分（一、五、六部分的标题未找到）")
            self.now.setHtml("")
            self.then.setHtml("")
            return
        self.summary.setText(f"{section_name(self.report, n)}：本年 {c.counted} 句中有 {c.repeated} 句与上年相同")
        self.now.setHtml(sentences_html(c.now))
        self.then.setHtml(sentences_html(c.then))


def _name(report: Report) -> str:
    return report.file.replace("\\", "/").rsplit("/", 1)[-1]
