"""``qaward serve``: the HTTP JSON service (Starlette on uvicorn). The web stack is imported
only by this command."""

from __future__ import annotations

import click

from qaward import io
from qaward.faces.cli.common import handles_errors
from qaward.faces.cli.registry_options import registry_errors, registry_option


def load_tokens(path: str | None) -> dict[str, str]:
    """``经办人: token`` pairs (YAML or JSON mapping) -> {token: 经办人}."""
    if not path:
        return {}
    data = io.read_document(path)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(v) >= 16 and v.isascii()
        for k, v in data.items()
    ):
        raise io.InputError(path, ["$: 应为映射 经办人: 令牌（令牌为至少16个 ASCII 字符）"])
    if len(set(data.values())) != len(data):
        raise io.InputError(path, ["$: 两位经办人使用了同一令牌"])
    return {token: name for name, token in data.items()}


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@registry_option
@click.option(
    "--tokens",
    "tokens_file",
    envvar="QAWARD_API_TOKENS_FILE",
    type=click.Path(dir_okay=False),
    default=None,
    help="写入登记簿的令牌文件（YAML/JSON：经办人: 令牌）；未给出则写入关闭",
)
@click.option("--max-body", type=click.IntRange(1024), default=4 * 1024 * 1024, show_default=True)
@click.option("--timeout", type=click.FloatRange(0.1), default=10.0, show_default=True)
@click.option("--cors-origin", "cors", multiple=True, help="允许跨域的来源（默认不允许）")
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="工作进程数（各有登记簿连接与内存快照；单项检查与批量同时大量到来时，每个 CPU 核一个）",
)
@handles_errors
@registry_errors
def serve(host, port, registry_url, tokens_file, max_body, timeout, cors, workers) -> None:
    """启动 HTTP JSON 服务（OpenAPI 3.1 见 /openapi.json，文档页 /docs）。"""
    try:
        import uvicorn

        from qaward.faces.http.app import Settings, create_app, settings_for_workers
    except ImportError as exc:  # the web stack is an extra: pip install 'qaward[serve]'
        click.echo(f"错误：HTTP 服务需要 {exc.name}：pip install 'qaward[serve]'", err=True)
        raise SystemExit(1) from None
    from qaward import ops
    from qaward.registry.location import missing_file

    tokens, cors = load_tokens(tokens_file), tuple(cors)
    read = not missing_file(registry_url)  # decided once, the same for every worker
    run = {"host": host, "port": port, "log_level": "warning", "access_log": False}
    if workers > 1:
        settings = settings_for_workers(read, registry_url, tokens, max_body, timeout, cors)
        _serve_workers(settings, workers, run)
        return
    registry = ops.open_registry(registry_url) if read else None
    uvicorn.run(create_app(Settings(registry, tokens, max_body, timeout, cors)), **run)


def _serve_workers(settings: str, workers: int, run: dict) -> None:
    """``--workers N``: uvicorn's multi-process mode. Each worker builds its own app from
    ``settings`` (JSON), which reach it in an environment variable: tokens never in arguments or
    in a file. The parent binds the socket, restarts a worker that dies and, on SIGTERM or
    SIGINT, stops every worker and waits for them."""
    import os

    import uvicorn

    from qaward.faces.http.app import SETTINGS_VARIABLE

    os.environ[SETTINGS_VARIABLE] = settings  # inherited by the workers uvicorn spawns
    try:
        app = "qaward.faces.http.app:app_from_environment"
        uvicorn.run(app, factory=True, workers=workers, **run)
    finally:
        del os.environ[SETTINGS_VARIABLE]
