"""reportlint: a rule-based checker for 政府信息公开工作年度报告.

Public API: ``checker.api.check(path_or_report, ruleset=None, ...) -> CheckResult``.
Keep this module import-free so that ``reportlint --version`` and the CLI start fast.
"""

__version__ = "0.1.0"
