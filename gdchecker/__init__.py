"""gdchecker — 政府信息公开工作年度报告校验工具."""

__version__ = "0.1.0"
