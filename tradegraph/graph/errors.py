"""The one error tree of tradegraph; every message carries a stable code and says how to fix it.

    TradegraphError                 [TG0xx]  base; the CLI prints ``str(err)`` and exits 1
    ├── InputError                  [TG1xx]  bad input: a file, record or field; fix the input
    │   └── ArticleError                     one article could not be read; others still load
    ├── NotFoundError               [TG2xx]  no such actor / article / question target
    ├── StoreError                  [TG3xx]  the store failed; nothing was half-written
    │   └── StoreUnavailableError            cannot reach the store; retry once it is up
    ├── UnsupportedError            [TG4xx]  the operation does not exist for this store / format
    └── ExtractionError             [TG5xx]  the NLP pipeline could not be set up

Only the CLI turns these into exit codes; library code raises them with ``raise ... from err``.
Every code is declared once in ``error_catalogue`` (``error_codes.jsonl``: meaning and fix), from
which docs/errors.md is generated; ``err.fix`` reads it.
"""

from __future__ import annotations


class TradegraphError(Exception):
    """Base of every error tradegraph raises on purpose."""

    code = "TG000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        from tradegraph.graph.redact import redact

        self.code = code or self.code
        self.message = message = redact(message)  # a password in a URI is never printed
        super().__init__(f"[{self.code}] {message}")

    @property
    def fix(self) -> str:
        """How to fix it, as the catalogue declares for this code ("" for an undeclared code)."""
        from tradegraph.graph.error_catalogue import codes

        entry = codes().get(self.code)
        return entry.fix if entry else ""


class InputError(TradegraphError):
    """The input is wrong; the message names the file, record and field."""

    code = "TG100"


class ArticleError(InputError):
    """One article (named by ``origin``: a file, maybe with a record number) could not be loaded."""

    code = "TG101"

    def __init__(self, origin: str, problem: str, *, code: str | None = None) -> None:
        self.origin = origin
        self.problem = problem
        super().__init__(f"{origin}: {problem}", code=code)


class NotFoundError(TradegraphError):
    code = "TG200"


class StoreError(TradegraphError):
    """A store operation failed; the store is left as it was before the operation."""

    code = "TG300"


class StoreUnavailableError(StoreError):
    """The store cannot be reached; retrying after fixing the cause may work."""

    code = "TG301"


class UnsupportedError(TradegraphError):
    code = "TG400"


class ExtractionError(TradegraphError):
    code = "TG500"
