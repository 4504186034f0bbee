# shellcheck shell=bash
# Sourced by test/queue/run.sh: Redis and Postgres from Debian's packages for n8n's queue mode,
# installed with apt-get when missing (as root, or with sudo), started on 127.0.0.1 (free ports) with their data
# in a temporary folder, and stopped by stop_services. Postgres refuses to run as root: as root it
# runs as the `postgres` user, otherwise as the current user. Sets REDIS_PORT, PG_PORT, PG_PASSWORD.

redis_pid=
pg_pid=
pg_dir=

is_root() { [ "$(id -u)" -eq 0 ]; }

# As root, or through sudo without a password (a CI runner's user); fails otherwise.
as_root() {
	if is_root; then "$@"; else sudo -n "$@"; fi
}

# apt-get waits for a dpkg lock other work may hold, instead of failing.
apt_install() {
	echo "Installing $* from Debian's packages (apt-get)"
	as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" > /dev/null
}

pg_bin() {
	find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1
}

ensure_packages() {
	local missing=()
	command -v redis-server > /dev/null || missing+=(redis-server)
	[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/postgres" ] || missing+=(postgresql)
	if is_root; then command -v setpriv > /dev/null || missing+=(util-linux); fi
	[ "${#missing[@]}" -gt 0 ] || return 0
	is_root || sudo -n true 2> /dev/null || { echo "Missing ${missing[*]}: install them (apt-get install ${missing[*]}), or run as root" >&2; return 1; }
	apt_install "${missing[@]}"
	# Debian's postgresql package creates and starts a cluster of its own; this test uses its own.
	if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_lsclusters > /dev/null; then
		pg_lsclusters --no-header | while read -r version cluster _; do
			as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" stop 2> /dev/null || true
		done
	fi
}

wait_for() {
	local what="$1" log="$2"
	shift 2
	for _ in $(seq 1 150); do
		"$@" > /dev/null 2>&1 && return 0
		sleep 0.2
	done
	echo "$what did not start in 30 s:" >&2
	tail -20 "$log" >&2
	return 1
}

# Usage: start_services WORK_DIR   (logs in WORK_DIR/redis.log and WORK_DIR/postgres.log)
start_services() {
	local work="$1" bin
	ensure_packages
	bin="$(pg_bin)"

	REDIS_PORT="$(free_port)"
	mkdir -p "$work/redis"
	redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$work/redis" --save '' --appendonly no \
		--protected-mode yes > "$work/redis.log" 2>&1 &
	redis_pid=$!
	wait_for Redis "$work/redis.log" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping

	# Postgres's folder (mode 700) belongs to the user Postgres runs as, so only that user reaches
	# its socket (trusted); over TCP on 127.0.0.1 it asks for the password. The run's work folder
	# stays the caller's.
	pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/n8n-queue-pg.XXXXXX")"
	PG_PORT="$(free_port)"
	PG_PASSWORD="$(node -p 'require("crypto").randomBytes(18).toString("hex")')"
	mkdir -p "$pg_dir/socket"
	printf '%s\n' "$PG_PASSWORD" > "$pg_dir/pwfile"
	if is_root; then chown -R postgres:postgres "$pg_dir"; fi
	chmod 700 "$pg_dir"
	as_postgres "$bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/pwfile" \
		--auth-local=trust --auth-host=scram-sha-256 --no-sync > "$work/postgres.log" 2>&1
	rm -f "$pg_dir/pwfile"
	# Durability off: the data lives for one test run.
	as_postgres_exec "$bin/postgres" -D "$pg_dir/data" -k "$pg_dir/socket" -p "$PG_PORT" \
		-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
		>> "$work/postgres.log" 2>&1 &
	pg_pid=$!
	wait_for Postgres "$work/postgres.log" as_postgres "$bin/psql" -U postgres -h "$pg_dir/socket" -p "$PG_PORT" -c 'select 1'
	as_postgres "$bin/psql" -q -U postgres -h "$pg_dir/socket" -p "$PG_PORT" -c 'create database n8n' > /dev/null
	echo "Redis $(redis-server --version | grep -o 'v=[0-9.]*' | cut -c3-) on 127.0.0.1:$REDIS_PORT," \
		"Postgres $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $pg_dir)"
	export REDIS_PORT PG_PORT PG_PASSWORD
}

# Runs a Postgres program as the postgres user when root. setpriv executes the program itself.
as_postgres() {
	if is_root; then setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else "$@"; fi
}

# The same for the server started in the background, replacing this shell, so that $! is the
# server's own pid (a function run with & would leave a subshell in between).
as_postgres_exec() {
	if is_root; then exec setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else exec "$@"; fi
}

stop_process() {
	local pid="$1" signal="$2"
	[ -n "$pid" ] || return 0
	kill "-$signal" "$pid" 2> /dev/null || return 0
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2> /dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2> /dev/null || true
}

# Postgres: SIGINT is its fast shutdown. Safe to call twice.
stop_services() {
	stop_process "$pg_pid" INT
	stop_process "$redis_pid" TERM
	wait "$pg_pid" "$redis_pid" 2> /dev/null || true
	pg_pid=
	redis_pid=
	if [ -n "$pg_dir" ]; then rm -rf "$pg_dir"; fi
	pg_dir=
}
