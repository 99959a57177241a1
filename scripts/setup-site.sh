#!/usr/bin/env bash
# Sets up a provincial gateway and one counter from nothing, through the two command-line tools only
# (`quay-central` and `quay`, README "Công cụ dòng lệnh"), the way site IT does it without the GUI:
# gateway serve, catalogue import, enrolment code, site, enrolment, accounts, numbers, demo dossiers,
# sync; then checks that the gateway holds the dossiers. Works on any date, weekends and holidays
# included. CI runs it through tests/integration/setup-site-script.test.ts.
#
# Usage: scripts/setup-site.sh [WORK_DIR]          (default: a new folder under $TMPDIR)
#   WORK_DIR/gateway   the gateway's data (embedded PGlite), WORK_DIR/gateway.log its output
#   WORK_DIR/counter   the counter's data folder
#   WORK_DIR/passwords the two accounts' passwords when not given (mode 0600)
# Environment: QUAY_SETUP_AGENCY (000.00.06.H56), QUAY_SETUP_AGENCY_NAME, QUAY_SETUP_PLACE,
#   QUAY_SETUP_DOSSIERS (5), QUAY_ADMIN_PASSWORD, QUAY_OFFICER_PASSWORD,
#   QUAY_SETUP_KEEP_GATEWAY=1 to leave the gateway running at the end (pid in WORK_DIR/gateway.pid).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="${1:-$(mktemp -d "${TMPDIR:-/tmp}/quay-site-XXXXXX")}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
GATEWAY_DATA="$WORK/gateway"
COUNTER_DATA="$WORK/counter"
AGENCY="${QUAY_SETUP_AGENCY:-000.00.06.H56}"
AGENCY_NAME="${QUAY_SETUP_AGENCY_NAME:-UBND xã Quảng Phú}"
PLACE="${QUAY_SETUP_PLACE:-Quảng Phú}"
DOSSIERS="${QUAY_SETUP_DOSSIERS:-5}"
COUNTER_NAME="Quầy 1"
# Numbers the province's administrator hands out for a set-up: above the range the gateway leases
# from (it counts each day up from 1), so they never meet a leased number.
FIRST_NUMBER=9001
LAST_NUMBER=9100

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'setup-site: %s\n' "$*" >&2; exit 1; }
central() { node --import tsx central/cli.ts "$@" --data "$GATEWAY_DATA"; }
quay() { node --import tsx electron/core/cli/main.ts --data "$COUNTER_DATA" "$@"; }
# Prints the value at the given keys of the JSON on stdin (keys as separate words: agency codes hold dots).
json_field() { node -e 'let s="";process.stdin.on("data",(c)=>(s+=c)).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv.slice(1))v=v?.[k];console.log(v??"")})' "$@"; }
new_password() { printf '%s7a\n' "$(openssl rand -base64 12 | tr -dc 'A-Za-z0-9')"; }
# Calendar dates in Vietnam (UTC+7, no daylight saving), `$1` days before today.
vietnam_date() { date -u -d "@$(( $(date +%s) + 7 * 3600 - $1 * 86400 ))" +%F; }
vietnam_weekday() { date -u -d "@$(( $(date +%s) + 7 * 3600 - $1 * 86400 ))" +%u; }

step "1. Cổng tỉnh: quay-central serve trên $GATEWAY_DATA (PGlite), chỉ nghe 127.0.0.1"
node --import tsx central/cli.ts serve --port 0 --host 127.0.0.1 --public-url http://127.0.0.1 --data "$GATEWAY_DATA" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
echo "$GATEWAY_PID" >"$WORK/gateway.pid"
stop_gateway() {
  if [ -z "${QUAY_SETUP_KEEP_GATEWAY:-}" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID"
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
}
trap stop_gateway EXIT
GATEWAY_URL=""
for _ in $(seq 1 900); do
  GATEWAY_URL="$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$WORK/gateway.log" | head -1 | sed 's/^listening on //' || true)"
  [ -n "$GATEWAY_URL" ] && break
  kill -0 "$GATEWAY_PID" 2>/dev/null || { cat "$WORK/gateway.log" >&2; fail "the gateway did not start"; }
  sleep 0.2
done
[ -n "$GATEWAY_URL" ] || fail "the gateway did not listen within 180 s (see $WORK/gateway.log)"
echo "Cổng tỉnh: $GATEWAY_URL"

step "2. Danh mục thủ tục cho các quầy (quay-central import catalog)"
central import catalog electron/core/catalog/sample-catalog.json

step "3. Mã đăng ký một lần cho $COUNTER_NAME (quay-central enroll-code)"
ENROL_CODE="$(central enroll-code --agency "$AGENCY" --counter "$COUNTER_NAME" --expected-daily 50 --json | json_field code)"
[ -n "$ENROL_CODE" ] || fail "no enrolment code"
echo "Mã đăng ký: $ENROL_CODE"

step "4. Điểm tiếp nhận của quầy (quay site set)"
quay site set --agency-code "$AGENCY" --agency-name "$AGENCY_NAME" --unit-name "Bộ phận tiếp nhận và trả kết quả" \
  --place "$PLACE" --lookup-url "https://dichvucong.example.gov.vn/tra-cuu?MHS={code}"

step "5. Đăng ký quầy với cổng tỉnh (quay enroll)"
quay enroll --gateway "$GATEWAY_URL" --code "$ENROL_CODE" --counter "$COUNTER_NAME"

step "6. Tài khoản quản trị và cán bộ tiếp nhận (quay admin create, mật khẩu từ đầu vào chuẩn)"
ADMIN_PASSWORD="${QUAY_ADMIN_PASSWORD:-$(new_password)}"
OFFICER_PASSWORD="${QUAY_OFFICER_PASSWORD:-$(new_password)}"
(umask 077 && printf 'quantri %s\ncanbo01 %s\n' "$ADMIN_PASSWORD" "$OFFICER_PASSWORD" >"$WORK/passwords")
printf '%s\n' "$ADMIN_PASSWORD" | quay admin create --username quantri --full-name "Quản trị quầy" --role admin
printf '%s\n' "$OFFICER_PASSWORD" | quay admin create --username canbo01 --full-name "Cán bộ tiếp nhận" --role officer

step "7. Đồng bộ lần đầu: nhận danh mục, thuê dãy số của các ngày làm việc tới (quay sync --once)"
quay sync --once

step "8. Dãy số hồ sơ cho hôm nay và ngày làm việc gần nhất (quay sequence add)"
# The demo dossiers are received today or on the latest weekday up to today, depending on the day
# the script runs; both get a block, whatever the calendar says about today.
DAYS=("$(vietnam_date 0)")
for back in 0 1 2 3; do
  if [ "$(vietnam_weekday "$back")" -le 5 ]; then
    [ "$(vietnam_date "$back")" != "${DAYS[0]}" ] && DAYS+=("$(vietnam_date "$back")")
    break
  fi
done
for day in "${DAYS[@]}"; do
  quay sequence add --date "$day" --first "$FIRST_NUMBER" --last "$LAST_NUMBER"
done
quay sequence status

step "9. Hồ sơ mẫu qua nghiệp vụ tiếp nhận thật (quay demo seed)"
quay demo seed --dossiers "$DOSSIERS" --pages 1 --seed 2026

step "10. Gửi hồ sơ lên cổng tỉnh (quay sync --once)"
quay sync --once
PENDING="$(quay status --json | json_field pendingCommands)"
[ "$PENDING" = "0" ] || fail "$PENDING commands still wait to be sent"

step "11. Kiểm tra trên cổng tỉnh (quay-central stats)"
STATS="$(central stats --json)"
echo "$STATS"
HELD="$(printf '%s' "$STATS" | json_field perAgency "$AGENCY" dossiers)"
[ "$HELD" = "$DOSSIERS" ] || fail "the gateway holds ${HELD:-0} dossiers of $AGENCY, expected $DOSSIERS"

printf '\nXONG: cổng tỉnh %s giữ %s hồ sơ của %s từ %s.\n' "$GATEWAY_URL" "$HELD" "$AGENCY" "$COUNTER_NAME"
printf 'Thư mục dữ liệu của quầy: %s; mật khẩu các tài khoản: %s\n' "$COUNTER_DATA" "$WORK/passwords"
