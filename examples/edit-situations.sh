#!/usr/bin/env bash
# The three situations of the help-centre article, shown with `spfpatch edit`
# (offline: no DNS, no provider). Run from the repository root:
#   go build -o spfpatch . && examples/edit-situations.sh
set -u
SPFPATCH=${SPFPATCH:-./spfpatch}

echo "1. The record already authorises the platform: nothing to do (output = input)."
"$SPFPATCH" edit 'v=spf1 include:e-shopsmail2.com ~all'

echo
echo "2. The domain's DNS is elsewhere and its record lacks the include: add it before all."
"$SPFPATCH" edit 'v=spf1 +ip4:192.0.2.0/24 ~all'

echo
echo "3. The domain has no SPF record at all: create one (only when asked, with --create)."
"$SPFPATCH" edit --create

echo
echo "A record with a mistake is refused, naming the term (exit code 1):"
"$SPFPATCH" edit 'v=spf1 ipv4:192.0.2.1 ~all'
echo "exit code $?"
