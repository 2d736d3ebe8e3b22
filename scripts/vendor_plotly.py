"""Copy plotly.js's basic bundle (bar, pie and scatter traces) into the dashboard's static files.

Run from the repository root when the pinned version changes:

    python scripts/vendor_plotly.py

The dashboard draws bar and line charts only. plotly.js's full bundle (4.9 MB, the one the
`plotly` wheel ships) spends 1.2-2 s of a first visit compiling and running the code of 40 trace
types it never draws; the basic bundle (1.1 MB) is ready in 0.1-0.3 s. It is plotly.js's own
release file, published by Plotly as the npm package `plotly.js-basic-dist-min`: this script
downloads that package once, checks it against the registry's recorded sha512, and writes the
bundle and its licence into the package, so installing and serving never touch the network and
need no npm.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "3.7.0"
TARBALL = (
    f"https://registry.npmjs.org/plotly.js-basic-dist-min/-/plotly.js-basic-dist-min-{VERSION}.tgz"
)
# The registry's `dist.integrity` for that tarball (npm view plotly.js-basic-dist-min@3.7.0 dist).
INTEGRITY = "sha512-84KPQhLTrO5IHu6DCte2KwA4bzSoVIdIs3uDPWid3sgeTX8L5RjpDARjCG3spgOwQ8MYE8PL+MeQ0DQRWA1Emw=="
TARGET = Path("src/dental_analytics/dashboard/static/vendor")
FILES = {"package/plotly-basic.min.js": "plotly-basic.min.js", "package/LICENSE": "plotly-LICENSE"}


def main() -> None:
    with urllib.request.urlopen(TARBALL, timeout=60) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"{TARBALL}: sha512 {digest} is not the pinned {INTEGRITY}")
    TARGET.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member, name in FILES.items():
            source = archive.extractfile(member)
            if source is None:
                sys.exit(f"{TARBALL}: {member} is missing")
            (TARGET / name).write_bytes(source.read())
    print(f"plotly.js basic {VERSION} -> {TARGET}")


if __name__ == "__main__":
    main()
