# Sourced by .ci/run: a throwaway PostgreSQL (Debian's package) on 127.0.0.1 for the registry
# tests. On success QAWARD_TEST_PG_URL is exported and the server stops when the run ends; on
# failure it returns non-zero and the caller prints a notice (the SQLite tests still run).

qaward_start_postgres() {
    [ "$(id -u)" = 0 ] || { echo "not root"; return 1; }
    if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
            >/dev/null || return 1
    fi
    local bin dir port
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    id postgres >/dev/null 2>&1 || return 1
    dir=$(mktemp -d /tmp/qaward-pg.XXXXXX) && chown postgres "$dir" || return 1
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null \
        || return 1
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >/dev/null || return 1
    QAWARD_PG_STOP="runuser -u postgres -- $bin/pg_ctl -D $dir/data -m fast stop"
    QAWARD_PG_DIR=$dir
    trap '$QAWARD_PG_STOP >/dev/null 2>&1; rm -rf "$QAWARD_PG_DIR"' EXIT
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres qaward_test || return 1
    export QAWARD_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/qaward_test"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the registry tests"
}
