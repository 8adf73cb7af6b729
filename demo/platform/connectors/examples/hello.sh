#!/bin/sh
# The smallest connector: a data source in shell. Configuration in environment variables (NAME,
# COUNT); `--health-check` as the last argument checks it. Rows go to the Container API with curl.
if [ "$1" = "--health-check" ]; then
  [ -n "$NAME" ] || { echo "NAME is not set" >&2; exit 1; }
  exit 0
fi
echo "Hello $NAME"
i=1 rows=''
while [ "$i" -le "${COUNT:-2}" ]; do
  rows="$rows${rows:+,}{\"id\":$i,\"name\":\"$NAME product $i\"}"
  i=$((i + 1))
done
curl -sf -o /dev/null -X POST "$CONTAINER_API_URL/v1/files/output" \
  -H "Authorization: Bearer $CONTAINER_API_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"rows\":[$rows]}" || { echo "the Container API refused the rows" >&2; exit 1; }
