#!/usr/bin/env bash
# Seeds the demo realm "partners" through the Partner Access admin REST: wires it (POST /setup),
# then the policy (only if the realm has none yet), three partners and their members.
# Idempotent: a second run changes nothing.
#
# Environment:
#   KC_URL          Keycloak base URL             (default http://127.0.0.1:8080)
#   KC_ADMIN_USER   master realm admin username   (default admin)
#   KC_ADMIN_PASS   master realm admin password   (default admin)
# Needs only curl and python3.
set -euo pipefail

KC_URL="${KC_URL:-http://127.0.0.1:8080}"
KC_URL="${KC_URL%/}"
KC_ADMIN_USER="${KC_ADMIN_USER:-admin}"
KC_ADMIN_PASS="${KC_ADMIN_PASS:-admin}"
REALM="partners"
DEMO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POLICY_FILE="$DEMO_DIR/policy.json"
PA="$KC_URL/admin/realms/$REALM/partner-access"

# name | domain | tier | region | first member | second member
PARTNERS=(
  "Northwind Distribution|northwind.example|registered|EMEA|nora.northwind|ned.northwind"
  "Summit Agency|summit.example|silver|AMER|sam.summit|sue.summit"
  "Goldline Integrators|goldline.example|gold|APAC|gary.goldline|gina.goldline"
)

log() { printf '[seed] %s\n' "$*"; }
die() { printf '[seed] ERROR: %s\n' "$*" >&2; exit 1; }

BODY_FILE="$(mktemp)"
trap 'rm -f "$BODY_FILE"' EXIT

# --- JSON helpers (python3) --------------------------------------------------------------

# json_get EXPR [ARG...]: evaluates EXPR with `d` bound to the JSON document read from stdin
# (extra arguments are sys.argv[2:]) and prints the result
json_get() {
  python3 -c '
import json, sys
d = json.load(sys.stdin)
v = eval(sys.argv[1])
print("" if v is None else v)' "$@"
}

# --- admin token (master realm tokens live 60 s by default: refresh well before) ------------

TOKEN=""
TOKEN_AT=-1000
ensure_token() {
  if (( SECONDS - TOKEN_AT < 30 )); then return; fi
  local status
  status=$(curl -sS -o "$BODY_FILE" -w '%{http_code}' -X POST \
    "$KC_URL/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$KC_ADMIN_USER" --data-urlencode "password=$KC_ADMIN_PASS") \
    || die "cannot reach $KC_URL"
  if [[ "$status" != 200 ]]; then
    cat "$BODY_FILE" >&2; echo >&2
    die "admin login as '$KC_ADMIN_USER' failed: HTTP $status"
  fi
  TOKEN=$(json_get 'd["access_token"]' <"$BODY_FILE")
  TOKEN_AT=$SECONDS
}

# --- HTTP ----------------------------------------------------------------------------------

# call METHOD URL [JSON_BODY]: sets STATUS and BODY, never fails by itself
STATUS=""
BODY=""
call() {
  local method="$1" url="$2" data="${3-}"
  ensure_token
  local args=(-sS -o "$BODY_FILE" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN"
              -H 'Accept: application/json')
  if [[ $# -ge 3 ]]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$data")
  fi
  STATUS=$(curl "${args[@]}" "$url") || die "$method $url: cannot reach Keycloak"
  BODY=$(cat "$BODY_FILE")
}

# expect STATUS...: fails loudly unless the last call answered one of the given statuses
expect() {
  local s
  for s in "$@"; do [[ "$STATUS" == "$s" ]] && return 0; done
  printf '%s\n' "$BODY" >&2
  die "unexpected HTTP $STATUS (expected $*) from the last request"
}

# --- wiring ----------------------------------------------------------------------------------
# One call wires what the realm file does not carry (the required actions, the claims scope for
# Keycloak's own clients, the user-profile attribute) and checks the rest. A second run changes nothing.

call POST "$PA/setup" '{}'
expect 200
json_get '"\n".join("[seed] setup: " + c for c in d["changes"]) or "[seed] setup: the realm was already wired"' <<<"$BODY"
failing=$(json_get '"; ".join(c["name"] + ": " + c["detail"] for c in d["checks"] if not c["ok"])' <<<"$BODY")
[[ -z "$failing" ]] || die "the realm is not fully wired: $failing"

# --- policy ----------------------------------------------------------------------------------

[[ -r "$POLICY_FILE" ]] || die "policy file $POLICY_FILE not found"

call GET "$PA/policy"
case "$STATUS" in
  404)
    call PUT "$PA/policy" "$(cat "$POLICY_FILE")"
    expect 200
    log "policy: stored demo/policy.json as version $(json_get 'd.get("version")' <<<"$BODY")"
    ;;
  200)
    log "policy: realm already has version $(json_get 'd.get("version")' <<<"$BODY"), left as is"
    ;;
  *)
    expect 200 404
    ;;
esac

# --- business owner ------------------------------------------------------------------------

call GET "$KC_URL/admin/realms/$REALM/users?username=owner-olivia&exact=true"
expect 200
OWNER_ID=$(json_get 'next((u["id"] for u in d if u.get("username") == "owner-olivia"), "")' <<<"$BODY")
[[ -n "$OWNER_ID" ]] || die "user owner-olivia not found in realm $REALM (was demo/partners-realm.json imported?)"

# --- partners and members ------------------------------------------------------------------

# add_member PARTNER_ID PARTNER_NAME USERNAME BUSINESS_UNIT (only if not yet a member)
add_member() {
  local pid="$1" pname="$2" username="$3" unit="$4"
  call GET "$PA/partners/$pid/members?max=1000"
  expect 200
  if [[ "$(json_get 'any(m.get("username") == sys.argv[2] for m in d)' "$username" <<<"$BODY")" == True ]]; then
    log "  member $username already mapped to $pname"
    return
  fi
  call POST "$PA/partners/$pid/members" "$(python3 -c '
import json, sys
print(json.dumps({"username": sys.argv[1], "businessUnit": sys.argv[2]}))' "$username" "$unit")"
  expect 200 201 204
  log "  mapped $username to $pname (business unit $unit)"
}

for entry in "${PARTNERS[@]}"; do
  IFS='|' read -r name domain tier region first second <<<"$entry"

  call GET "$PA/partners?max=1000"
  expect 200
  pid=$(json_get 'next((p["id"] for p in d if p.get("name") == sys.argv[2]), "")' "$name" <<<"$BODY")

  if [[ -z "$pid" ]]; then
    body=$(python3 -c '
import json, sys
name, domain, tier, region, owner = sys.argv[1:6]
print(json.dumps({"name": name, "domains": [domain], "tier": tier, "region": region,
                  "businessOwner": owner, "businessUnits": ["sales", "marketing"]}))' \
      "$name" "$domain" "$tier" "$region" "$OWNER_ID")
    call POST "$PA/partners" "$body"
    expect 201
    pid=$(json_get 'd["id"]' <<<"$BODY")
    log "created partner $name ($tier, $region) id $pid"
  else
    log "partner $name exists (id $pid), left as is"
  fi

  add_member "$pid" "$name" "$first" sales
  add_member "$pid" "$name" "$second" marketing
done

log "done"
