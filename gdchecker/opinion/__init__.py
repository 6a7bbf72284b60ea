"""校验意见: the written opinion on one checked report that goes back to the unit (a .docx, or a PDF made by the
desktop part's Qt printing).

content  what the opinion says, built once from a Session (report with corrections, findings, repairs)
picture  a PDF page's table region with the cells concerned boxed (pypdfium2 + Pillow, no Qt)
docx     the opinion as a Word document (python-docx)
files    where opinions go: target names, refusing to overwrite, atomic writes
pdfjob   the CLI's way to a PDF: the Qt writer (gdchecker.gui.opinion_pdf) run in a process of its own
command  `gdchecker opinion` (its arguments: gdchecker.arguments)

Nothing is imported here: the command line names the command at start without loading the checker.
"""

KINDS = ("docx", "pdf")  # the file types an opinion is written as (files.kind_of, the --format choices)
