#!/usr/bin/env python3
"""Checks YAML workflow files against Schemas/workflow.schema.json.

Usage: scripts/check-schema.py [--scenario] FILE...   (exit 0 all match, 1 a file does not, 2 usage)
With --scenario the files are checked against Schemas/scenario.schema.json. A file named
domain.yaml (or domain.yml) is checked against Schemas/domain.schema.json (docs/domain.md).
"""
import json
import pathlib
import sys

import jsonschema
import yaml

class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1, where `on`/`off`/`yes`/`no` are booleans; Runway and editors
    read YAML 1.2, where only `true`/`false` are, so `on:` of a task state stays a key."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|false)$"), list("tf")
)

SCHEMAS = pathlib.Path(__file__).resolve().parent.parent / "Schemas"


def main(paths):
    schema = SCHEMAS / "workflow.schema.json"
    if paths[:1] == ["--scenario"]:
        schema = SCHEMAS / "scenario.schema.json"
        paths = paths[1:]
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(json.loads(schema.read_text()))
    domain = jsonschema.Draft202012Validator(json.loads((SCHEMAS / "domain.schema.json").read_text()))
    failed = 0
    for path in paths:
        try:
            document = yaml.load(pathlib.Path(path).read_text(), Loader=Yaml12Loader)
        except (OSError, yaml.YAMLError) as error:
            print(f"{path}: cannot be read: {error}")
            failed += 1
            continue
        chosen = domain if pathlib.Path(path).name in ("domain.yaml", "domain.yml") else validator
        errors = sorted(chosen.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"{path}: {where}: {error.message}")
        failed += bool(errors)
    if failed:
        print(f"{failed} of {len(paths)} files do not match the schema")
        return 1
    print(f"{len(paths)} files match the schema")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
