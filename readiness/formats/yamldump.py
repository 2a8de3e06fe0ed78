"""Write plain data as YAML that `yamlio` reads back unchanged (answers files we write)."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Writes what our loader reads back unchanged; a blank answer is left empty, as in templates."""


_Dumper.add_representer(
    type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", "")
)


def dump(data: Any) -> str:
    """YAML text for plain data (answers files written by `migrate` and `import`)."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
