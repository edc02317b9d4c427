#!/usr/bin/env bash
# scripts/check-schema.py needs Python's jsonschema and PyYAML: installs them with pip when
# python3 cannot import them, or says in one sentence how to.
set -uo pipefail
python3 -c 'import jsonschema, yaml' 2>/dev/null && exit 0
echo "installing Python's jsonschema and PyYAML with pip"
if python3 -m pip install -q jsonschema pyyaml 2>/dev/null \
  || python3 -m pip install -q --break-system-packages jsonschema pyyaml 2>/dev/null; then
  python3 -c 'import jsonschema, yaml' 2>/dev/null && exit 0
fi
echo "error: the schema checks need Python's jsonschema and PyYAML, which pip could not install here; install them with: python3 -m pip install jsonschema pyyaml" >&2
exit 1
