"""The ASGI application: every route calls one operation of :mod:`qaward.ops`.

Reads are open; registry writes need a token from configuration, and the token's holder is the
operator (经办人) recorded on every audit row. Bodies are bounded, reads time out, no path on the
server is read from a request, errors are ``application/problem+json`` with the field paths (the
CLI's messages), and CORS is off unless origins are configured.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any

import anyio
import orjson
from attrs import define, field
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from qaward import io, ops
from qaward.catalog import default_catalog
from qaward.errors import PluginError
from qaward.faces.http.openapi import spec
from qaward.registry.location import RegistryError

log = logging.getLogger("qaward.http")

# `qaward serve --workers N`: the settings every worker process builds its app from (JSON, set by
# the parent just before the workers are spawned; the environment is readable by the user only and
# never shown in the process list, unlike arguments)
SETTINGS_VARIABLE = "QAWARD_SERVE_SETTINGS"

# A read whose input is at most this large and needs no I/O runs on the event loop (see _read)
INLINE_BODY = 64 * 1024


@define
class Settings:
    registry: Any = None  # a Registry (pooled), kept for the server's life; None: none read
    tokens: dict[str, str] = field(factory=dict)  # token -> operator (经办人)
    max_body: int = 4 * 1024 * 1024  # bytes
    timeout: float = 10.0  # seconds, for reads (a write is never cut off halfway)
    cors: tuple[str, ...] = ()  # allowed origins; none: no CORS headers at all


class Problem(Exception):
    def __init__(self, status: int, title: str, errors: list[str] | None = None, where: str = ""):
        self.status, self.title, self.errors, self.where = status, title, errors or [], where


def _dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON (orjson: a check's 20 KB document in a fifth of json's time)."""
    try:
        return orjson.dumps(data, default=io._default, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:  # what orjson cannot write (an integer past 64 bits)
        return json.dumps(
            data, ensure_ascii=False, separators=(",", ":"), default=io._default
        ).encode()


def _json(doc: Any) -> Response:
    return Response(_dumps(doc), media_type="application/json")


def _problem(status: int, title: str, errors: list[str] = (), where: str = "") -> Response:  # type: ignore[assignment]
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": "；".join(errors) or title,
    }
    if errors:
        body["errors"] = list(errors)
    if where:
        body["where"] = where
    return Response(_dumps(body), status_code=status, media_type="application/problem+json")


# --- request parts -------------------------------------------------------------------------------


async def _body(request: Request) -> bytes:
    limit = request.app.state.settings.max_body
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Problem(413, f"请求体超过上限 {limit} 字节")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(413, f"请求体超过上限 {limit} 字节")
        chunks.append(chunk)
    return b"".join(chunks)


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise io.InputError(
            "request", [f"$: 请求体应为 UTF-8 编码（第 {exc.start} 字节起无效）"]
        ) from None


def _parsed(raw: bytes) -> Any:
    if not raw.strip():
        raise io.InputError("request", ["$: 请求体为空，应为 JSON 文档"])
    return io.parse_text(_text(raw), "request", True)


async def _document(request: Request) -> Any:
    return _parsed(await _body(request))


def _listed(raw: bytes, kind: str) -> list[Any]:
    """A JSON array, or JSON Lines (``application/x-ndjson``): one organisation a line."""
    if kind in ("application/x-ndjson", "application/jsonl", "application/json-lines"):
        lines = [(n, line) for n, line in enumerate(_text(raw).splitlines(), 1) if line.strip()]
        return [io.parse_text(line, f"request 第{n}行", True) for n, line in lines]
    data = io.parse_text(_text(raw), "request", True) if raw.strip() else None
    if not isinstance(data, list):
        raise io.InputError(
            "request", ["$: 应为组织的 JSON 数组，或以 application/x-ndjson 每行一个"]
        )
    return data


def _kind(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip()


def _date(request: Request, name: str) -> dt.date | None:
    value = request.query_params.get(name)
    if value is None:
        return None
    try:
        if len(value) != 10:  # YYYY-MM-DD only, as in documents
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise io.InputError(
            "query", [f"{name}: 应为日期（YYYY-MM-DD），得到 {value[:40]!r}"]
        ) from None


def _list(request: Request, name: str) -> list[str]:
    return request.query_params.getlist(name)


def _operator(request: Request) -> str:
    """The caller's name for the audit (经办人), from its token; writes refused without one."""
    tokens: dict[str, str] = request.app.state.settings.tokens
    if not tokens:
        raise Problem(403, "本服务未配置令牌：登记簿写入已关闭")
    given = request.headers.get("authorization", "")
    token = (
        given[7:].strip()
        if given[:7].lower() == "bearer "
        else request.headers.get("x-api-key", "")
    )
    found = None
    for known, name in tokens.items():  # compare every one in constant time
        if token and hmac.compare_digest(token.encode(), known.encode()):
            found = name
    if found is None:
        raise Problem(401, "写入登记簿需要有效的令牌（Authorization: Bearer …）")
    return found


async def _read(request: Request, fn: Callable[[], Any], light: bool = False) -> Response:
    """A read operation (parsing, the operation and the JSON of its answer). Light work (see
    _light: well under a millisecond, bounded, no I/O) runs on the event loop, where a worker
    thread would cost more than the work itself (the hand-off, and the two threads taking turns
    at the GIL). Anything else runs in a worker thread and is answered 504 after the timeout: a
    batch stops at its next organisation (_until); other work, bounded by --max-body, is waited
    for, so a worker is never left running beyond the pool's bound."""
    if light:
        return _json(fn())
    with anyio.fail_after(request.app.state.settings.timeout):
        body = await anyio.to_thread.run_sync(lambda: _dumps(fn()))
    return Response(body, media_type="application/json")


def _until(deadline: float, items: Iterable[Any]) -> Iterator[Any]:
    """The items, until the read's deadline: past it the work stops (the caller gets 504)."""
    for item in items:
        if time.monotonic() > deadline:
            raise TimeoutError
        yield item


def _light(request: Request, raw: bytes) -> bool:
    """One small organisation, and its recorded history (if a registry is read) in memory."""
    if len(raw) > INLINE_BODY:
        return False
    reg = _registry(request)
    if reg is None:
        return True
    snapshot = reg.histories
    return snapshot is not None and reg.exists() and snapshot.fresh(default_catalog())


async def _write(fn: Callable[[], Any]) -> Response:
    return Response(
        await anyio.to_thread.run_sync(lambda: _dumps(fn())), media_type="application/json"
    )


# --- routes --------------------------------------------------------------------------------------


def _registry(request: Request) -> Any:
    return request.app.state.settings.registry


def _writable(request: Request) -> Any:
    reg = _registry(request)
    if reg is None:
        raise Problem(503, "本服务未配置登记簿")
    return reg


async def health(request: Request) -> Response:
    return _json({"status": "ok", "schema_version": ops.SCHEMA_VERSION})


async def openapi(request: Request) -> Response:
    return _json(spec())


DOCS = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>qaward API</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({url: "/openapi.json", dom_id: "#ui"});</script></body></html>"""


async def docs(request: Request) -> Response:
    return HTMLResponse(DOCS)


async def jurisdictions(request: Request) -> Response:
    return await _read(request, ops.jurisdictions)


async def clauses(request: Request) -> Response:
    ids, statuses = _list(request, "jurisdiction"), _list(request, "status")
    return await _read(request, lambda: ops.clauses(ids, statuses))


async def compare(request: Request) -> Response:
    ids, on = _list(request, "jurisdiction"), _date(request, "as_of")
    return await _read(request, lambda: ops.compare(ids, on))


async def _one_organisation(request: Request, operation: Callable[..., Any]) -> Response:
    """A check or a trace of the organisation in the body (on the loop when it is light)."""
    on, ids, raw = _date(request, "as_of"), _list(request, "jurisdiction"), await _body(request)
    reg = _registry(request)
    return await _read(
        request,
        lambda: operation(_parsed(raw), on, ids, registry=reg, where="request"),
        _light(request, raw),
    )


async def check(request: Request) -> Response:
    return await _one_organisation(request, ops.check)


async def check_batch(request: Request) -> Response:
    on, ids, raw = _date(request, "as_of"), _list(request, "jurisdiction"), await _body(request)
    reg, kind = _registry(request), _kind(request)
    deadline = time.monotonic() + request.app.state.settings.timeout
    return await _read(
        request,
        lambda: ops.check_batch(
            _until(deadline, _listed(raw, kind)), on, ids, registry=reg, where="$"
        ),
    )


async def screen(request: Request) -> Response:
    on, ids, raw = _date(request, "as_of"), _list(request, "jurisdiction"), await _body(request)
    kind = _kind(request)
    return await _read(request, lambda: ops.screen(_listed(raw, kind), on, ids, where="$"))


async def trace(request: Request) -> Response:
    return await _one_organisation(request, ops.trace)


async def evaluate(request: Request) -> Response:
    doc, reg = await _document(request), _registry(request)
    # no base folder: a cycle naming an organization_file is refused (no server path is read)
    return await _read(request, lambda: ops.evaluate(doc, registry=reg, where="request"))


async def sanction(request: Request) -> Response:
    doc = await _document(request)
    return await _read(request, lambda: ops.sanction(doc, where="request"))


async def sanction_record(request: Request) -> Response:
    who, raw = _operator(request), await _body(request)
    doc, reg = io.parse_text(_text(raw), "request", True), _writable(request)
    digest = ops.input_digest(raw)
    return await _write(
        lambda: ops.sanction(
            doc, record=True, registry=reg, operator=who, digest=digest, where="request"
        )
    )


async def recommend(request: Request) -> Response:
    who, doc, reg = _operator(request), await _document(request), _writable(request)
    if (
        not isinstance(doc, dict)
        or not {"from", "to"} <= set(doc)
        or set(doc) - {"from", "to", "as_of", "by", "dry_run"}
    ):
        raise io.InputError("request", ["$: 应为 {from, to, as_of?, by?, dry_run?}"])
    on = _date_value(doc.get("as_of"))
    args = (doc["from"], doc["to"], on, doc.get("by"))
    if not all(isinstance(a, str) for a in (doc["from"], doc["to"])) or not isinstance(
        doc.get("by") or "", str
    ):
        raise io.InputError("request", ["$.from / $.to / $.by: 应为字符串"])
    dry = doc.get("dry_run") is True
    return await _write(
        lambda: ops.recommend(*args, dry_run=dry, registry=reg, operator=who, where="request")
    )


def _date_value(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise io.InputError("request", [f"$.as_of: 应为日期（YYYY-MM-DD），得到 {str(value)[:40]!r}"])


async def registry_import(request: Request) -> Response:
    who, raw = _operator(request), await _body(request)
    doc, reg = io.parse_text(_text(raw), "request", True), _writable(request)
    digest = ops.input_digest(raw)
    return await _write(
        lambda: ops.import_records(doc, registry=reg, operator=who, digest=digest, where="request")
    )


async def registry_record(request: Request) -> Response:
    who, raw = _operator(request), await _body(request)
    doc, reg, granted = (
        io.parse_text(_text(raw), "request", True),
        _writable(request),
        _date(request, "granted_on"),
    )
    digest = ops.input_digest(raw)
    return await _write(
        lambda: ops.record(
            doc, granted_on=granted, registry=reg, operator=who, digest=digest, where="request"
        )
    )


async def registry_show(request: Request) -> Response:
    code, on, reg = request.path_params["credit_code"], _date(request, "as_of"), _writable(request)
    return await _read(request, lambda: ops.show(code, on, registry=reg))


async def registry_verify(request: Request) -> Response:
    reg = _writable(request)
    return await _read(request, lambda: ops.verify(registry=reg))


async def registry_log(request: Request) -> Response:
    code = request.query_params.get("credit_code") or None
    limit_text = request.query_params.get("limit", "50")
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= 1000:
        raise io.InputError("query", [f"limit: 应为 1 到 1000 的整数，得到 {limit_text[:20]!r}"])
    reg = _writable(request)
    return await _read(request, lambda: ops.log(code, int(limit_text), registry=reg))


# --- errors --------------------------------------------------------------------------------------


async def _input_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, io.InputError)
    return _problem(422, "输入有误", exc.problems, exc.where)


async def _problem_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return _problem(exc.status, exc.title, exc.errors, exc.where)


async def _registry_error(request: Request, exc: Exception) -> Response:
    return _problem(503, "登记簿不可用", [str(exc)])


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    titles = {404: "没有这个地址", 405: "不支持此方法"}
    return _problem(exc.status_code, titles.get(exc.status_code, str(exc.detail)))


async def _timeout(request: Request, exc: Exception) -> Response:
    return _problem(504, f"处理超过 {request.app.state.settings.timeout} 秒，已停止等待")


async def _plugin_error(request: Request, exc: Exception) -> Response:
    return _problem(500, "插件声明有误", [str(exc)])


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return _problem(500, "服务内部错误（已记录）")


ROUTES = [
    Route("/health", health),
    Route("/openapi.json", openapi),
    Route("/docs", docs),
    Route("/jurisdictions", jurisdictions),
    Route("/clauses", clauses),
    Route("/compare", compare),
    Route("/check", check, methods=["POST"]),
    Route("/check/batch", check_batch, methods=["POST"]),
    Route("/screen", screen, methods=["POST"]),
    Route("/trace", trace, methods=["POST"]),
    Route("/evaluate", evaluate, methods=["POST"]),
    Route("/sanction", sanction, methods=["POST"]),
    Route("/sanction/record", sanction_record, methods=["POST"]),
    Route("/recommend", recommend, methods=["POST"]),
    Route("/registry/import", registry_import, methods=["POST"]),
    Route("/registry/record", registry_record, methods=["POST"]),
    Route("/registry/verify", registry_verify),
    Route("/registry/log", registry_log),
    Route("/registry/{credit_code}", registry_show),
]


def _swagger_static() -> str:
    import importlib.util
    import os

    found = importlib.util.find_spec("swagger_ui")
    assert found is not None and found.submodule_search_locations
    return os.path.join(found.submodule_search_locations[0], "static")


def create_app(settings: Settings) -> Starlette:
    middleware = []
    if settings.cors:
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(
            Middleware(
                CORSMiddleware, allow_origins=list(settings.cors), allow_methods=["GET", "POST"]
            )
        )
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        io.InputError: _input_error,
        Problem: _problem_error,
        RegistryError: _registry_error,
        HTTPException: _http_error,
        TimeoutError: _timeout,
        PluginError: _plugin_error,
        Exception: _unexpected,
    }
    routes = [*ROUTES, Mount("/docs/static", StaticFiles(directory=_swagger_static()))]
    if settings.registry is not None:
        settings.registry.keep_histories()
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
    app.state.settings = settings
    return app


def settings_for_workers(
    read: bool,
    registry: str | None,
    tokens: dict[str, str],
    max_body: int,
    timeout: float,
    cors: tuple[str, ...],
) -> str:
    """The settings of ``qaward serve --workers N`` as the JSON :func:`app_from_environment` reads:
    whether a registry is read, and the ``--registry`` value (None: the default file)."""
    return json.dumps(
        {
            "read": read,
            "registry": registry,
            "tokens": tokens,
            "max_body": max_body,
            "timeout": timeout,
            "cors": list(cors),
        }  # fmt: skip
    )


def app_from_environment() -> Starlette:
    """The app of one worker process (uvicorn's factory): its own registry connection pool and
    history snapshot, from the settings the parent put in :data:`SETTINGS_VARIABLE`. The variable
    is removed here, so nothing the worker starts (a Dask cluster) inherits the tokens."""
    data = json.loads(os.environ.pop(SETTINGS_VARIABLE))
    registry = ops.open_registry(data["registry"]) if data["read"] else None
    settings = Settings(
        registry, data["tokens"], data["max_body"], data["timeout"], tuple(data["cors"])
    )
    return create_app(settings)
